-- Clears a subscription's failures. KEYS: health, failing set, subscription. ARGV: now, subscription ID.
-- Returns {noticed, firstFailureMs}.
if redis.call('EXISTS', KEYS[3]) == 0 then return {0, ''} end
local noticed = redis.call('HGET', KEYS[1], 'noticed')
local first = redis.call('HGET', KEYS[1], 'firstFailureMs') or ''
redis.call('HDEL', KEYS[1], 'failures', 'firstFailureMs', 'errorClass', 'errorMessage', 'noticed')
redis.call('HSET', KEYS[1], 'lastSuccessMs', ARGV[1])
if redis.call('HEXISTS', KEYS[1], 'channelError') == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
if noticed then return {1, first} end
return {0, first}
