-- After the post: the alert record, the action's last alert (if this one is newer), claim and markers gone.
-- KEYS: alerted, lastalert, claim, posting, queued.
-- ARGV: record JSON, ttl seconds, claim value, invokedAt ms, ts, run ID, grouped (1/0), stored alert JSON.
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local current = tonumber(redis.call('HGET', KEYS[2], 'invokedAtMs'))
if (not current) or current <= tonumber(ARGV[4]) then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'ts', ARGV[5], 'runId', ARGV[6], 'invokedAtMs', ARGV[4], 'grouped', ARGV[7], 'input', ARGV[8])
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
if redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
redis.call('DEL', KEYS[4], KEYS[5])
return 1
