-- Closes the action's open alert unless a newer alert replaced it. KEYS: lastalert. ARGV: run ID.
if redis.call('HGET', KEYS[1], 'runId') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
