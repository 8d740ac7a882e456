/**
 * One atomic reservation in the token bucket every process of a token shares. The balance may go negative:
 * the caller learns at once how long until its own token is refilled, so waiters keep their order without
 * polling. Redis's clock is the one clock, so processes on different hosts agree.
 *
 * KEYS[1] the bucket hash; ARGV[1] tokens per second; ARGV[2] burst. Returns the wait in milliseconds.
 */
export const RESERVE_TOKEN_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], 60000 + math.ceil(math.max(0, -tokens) * 1000 / rate))
if tokens >= 0 then return 0 end
return math.ceil(-tokens * 1000 / rate)
`;
