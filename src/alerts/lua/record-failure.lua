-- Counts a failed poll; exactly one caller gets 1, the one that sets `noticed`.
-- KEYS: health, failing set, subscription. ARGV: now, class, message, maxTicks, maxMs, subscription ID.
if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local first = tonumber(redis.call('HGET', KEYS[1], 'firstFailureMs'))
if not first then
  first = tonumber(ARGV[1])
  redis.call('HSET', KEYS[1], 'firstFailureMs', ARGV[1])
end
redis.call('HSET', KEYS[1], 'errorClass', ARGV[2], 'errorMessage', ARGV[3])
if redis.call('HEXISTS', KEYS[1], 'noticed') == 1 then return 0 end
if failures >= tonumber(ARGV[4]) or tonumber(ARGV[1]) - first >= tonumber(ARGV[5]) then
  redis.call('HSET', KEYS[1], 'noticed', ARGV[1])
  redis.call('SADD', KEYS[2], ARGV[6])
  return 1
end
return 0
