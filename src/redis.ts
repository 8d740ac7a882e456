/** Every Redis connection of tfactions, by purpose, from one place: one policy per purpose, one URL source. */
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from './config.js';

/**
 * - `probe`: health checks, the doctor and the shared rate gate: a dead Redis answers at once with an error
 *   instead of queueing commands, and nothing connects until asked.
 * - `commands`: the web process's subscription and mute writes: one retry, then the user hears about it.
 * - `blocking`: the worker's state and BullMQ connections: commands wait for Redis to come back (BullMQ
 *   requires maxRetriesPerRequest null).
 */
export type RedisPurpose = 'probe' | 'commands' | 'blocking';

const POLICIES: Readonly<Record<RedisPurpose, RedisOptions>> = {
  probe: { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true },
  commands: { maxRetriesPerRequest: 1 },
  blocking: { maxRetriesPerRequest: null },
};

export function createRedis(config: Pick<Config, 'redisUrl'>, purpose: RedisPurpose): Redis {
  return new Redis(config.redisUrl, POLICIES[purpose]);
}

/** A probe connection, connected when Redis answers; a failure leaves it reconnecting in the background. */
export async function connectProbe(config: Pick<Config, 'redisUrl'>, onError: (error: unknown) => void) {
  const redis = createRedis(config, 'probe');
  redis.on('error', onError);
  await redis.connect().catch(onError);
  return redis;
}
