import type { Config } from '../config.js';
import type { Pacer } from '../hcp/pacing.js';
import type { Logger } from '../logger.js';
import { RedisRateGate } from '../ratelimit/redis-rate-gate.js';
import { connectProbe } from '../redis.js';

export interface RunningRateGate {
  readonly pacer: Pacer;
  close(): void;
}

/** This process's seat at the token's shared bucket, on a connection of its own that fails fast. */
export async function startRateGate(config: Config, logger: Logger): Promise<RunningRateGate> {
  // Failures surface through the gate's own warning when a reservation fails; the connection just retries.
  const redis = await connectProbe(config, () => undefined);
  const pacer = new RedisRateGate({
    redis,
    keyPrefix: config.redisKeyPrefix,
    token: config.tfeToken,
    configuredLimit: config.tfeRateLimit,
    logger,
  });
  return { pacer, close: () => redis.disconnect() };
}
