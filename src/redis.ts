/** Every Redis connection of tfactions, by purpose, from one place: one policy per purpose, one URL source. */
import { Redis } from 'ioredis';
import type { Config } from './config.js';

/**
 * - `probe`: health checks, the doctor and the shared rate gate: a dead Redis answers at once with an error
 *   instead of queueing commands, and nothing connects until asked.
 * - `commands`: the web process's subscription and mute writes: one retry, then the user hears about it.
 * - `queue-producer`: the web process's BullMQ queues: fail fast so a Slack command gets an answer.
 * - `blocking`: the worker's state and BullMQ connections: commands wait for Redis to come back (BullMQ
 *   requires maxRetriesPerRequest null).
 */
export type RedisPurpose = 'probe' | 'commands' | 'queue-producer' | 'blocking';

/** Only what every client library understands alike, so BullMQ's own ioredis type accepts it as well. */
interface ConnectionPolicy {
  readonly maxRetriesPerRequest: number | null;
  readonly enableOfflineQueue?: boolean;
  readonly lazyConnect?: boolean;
}

const POLICIES: Readonly<Record<RedisPurpose, ConnectionPolicy>> = {
  probe: { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true },
  commands: { maxRetriesPerRequest: 1 },
  'queue-producer': { maxRetriesPerRequest: 1, enableOfflineQueue: false },
  blocking: { maxRetriesPerRequest: null },
};

export function createRedis(config: Pick<Config, 'redisUrl'>, purpose: RedisPurpose): Redis {
  return new Redis(config.redisUrl, POLICIES[purpose]);
}

/** The same policies as connection options, for libraries that open their own connections (BullMQ). */
export function redisOptions(
  config: Pick<Config, 'redisUrl'>,
  purpose: RedisPurpose,
): ConnectionPolicy & { readonly url: string } {
  return { url: config.redisUrl, ...POLICIES[purpose] };
}

/** A probe connection, connected when Redis answers; a failure leaves it reconnecting in the background. */
export async function connectProbe(config: Pick<Config, 'redisUrl'>, onError: (error: unknown) => void) {
  const redis = createRedis(config, 'probe');
  redis.on('error', onError);
  await redis.connect().catch(onError);
  return redis;
}
