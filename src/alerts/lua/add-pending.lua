-- Remembers runs in progress, keeping each one's first sighting, while the subscription exists.
-- KEYS: pending set, subscription. ARGV: now ms, members `<action>|<run>`...
if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local added = 0
for i = 2, #ARGV do added = added + redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[i]) end
return added
