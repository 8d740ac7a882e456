-- Remembers the recovery reply of this alert, unless a newer alert replaced it.
-- KEYS: lastalert. ARGV: run ID, reply ts.
if redis.call('HGET', KEYS[1], 'runId') == ARGV[1] then return redis.call('HSET', KEYS[1], 'recoveryReplyTs', ARGV[2]) end
return -1
