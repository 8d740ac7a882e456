-- Takes a channel's parked posts at once: of two listeners handling the same join, one gets them.
-- KEYS: parked hash.
local entries = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return entries
