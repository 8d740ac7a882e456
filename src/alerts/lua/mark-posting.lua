-- Marks the start of a post attempt; returns the start of an earlier unrecorded attempt, or false.
-- KEYS: posting marker. ARGV: now ms, ttl seconds.
local previous = redis.call('GET', KEYS[1])
if previous then return previous end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
