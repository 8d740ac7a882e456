import type { Redis } from 'ioredis';

export interface StoredKey {
  key: string;
  type: string;
  /** For hashes: every field; for other types a single entry under ''. */
  fields: Record<string, string>;
}

/** Every key matching the pattern with its whole content as text, whatever its type. */
export async function dumpKeys(redis: Redis, pattern: string): Promise<StoredKey[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');

  const dumped: StoredKey[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const type = await redis.type(key);
    dumped.push({ key, type, fields: await contentOf(redis, key, type) });
  }
  return dumped;
}

async function contentOf(redis: Redis, key: string, type: string): Promise<Record<string, string>> {
  switch (type) {
    case 'string':
      return { '': (await redis.get(key)) ?? '' };
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return { '': (await redis.lrange(key, 0, -1)).join('\n') };
    case 'set':
      return { '': (await redis.smembers(key)).join('\n') };
    case 'zset':
      return { '': (await redis.zrange(key, '0', '-1', 'WITHSCORES')).join('\n') };
    case 'stream':
      return { '': JSON.stringify(await redis.xrange(key, '-', '+')) };
    default:
      return { '': '' };
  }
}
