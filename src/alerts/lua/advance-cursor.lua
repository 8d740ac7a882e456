-- Moves the cursor forward only, and only while the subscription exists.
-- KEYS: cursor, subscription. ARGV: ms, ISO. Returns 1 advanced, 0 unchanged, -1 no subscription.
if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local current = tonumber(redis.call('HGET', KEYS[1], 'ms'))
local proposed = tonumber(ARGV[1])
if current and current >= proposed then return 0 end
redis.call('HSET', KEYS[1], 'ms', ARGV[1], 'iso', ARGV[2])
return 1
