-- Claims an alert for one post attempt (delivery-records.ts, claim).
-- KEYS: claim. ARGV: `<owner>|<token>`, owner, ttl ms, takeover-after ms.
-- Returns {1, 0} claimed, {2, 0} taken over from an earlier attempt of the same job, {0, wait ms} held elsewhere.
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return {1, 0}
end
local ttl = redis.call('PTTL', KEYS[1])
local elapsed = tonumber(ARGV[3]) - ttl
if string.sub(current, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
  if elapsed >= tonumber(ARGV[4]) then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
    return {2, 0}
  end
  return {0, tonumber(ARGV[4]) - elapsed}
end
return {0, ttl}
