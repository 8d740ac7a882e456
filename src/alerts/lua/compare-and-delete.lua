-- Deletes the key only while it holds this token: never release someone else's lock or claim.
-- KEYS: key. ARGV: token.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
