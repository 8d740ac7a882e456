-- KEYS: health, failing set. ARGV: subscription ID.
redis.call('HDEL', KEYS[1], 'channelError', 'channelErrorAt')
if redis.call('HEXISTS', KEYS[1], 'noticed') == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return 1
