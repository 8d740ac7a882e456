/**
 * The HCP pacer of a deployment: one token bucket in Redis per token, shared by the web process and every
 * worker, sized from the server's X-RateLimit-Limit (or TFE_RATE_LIMIT). While Redis does not answer, the
 * process paces itself alone, so queries never wait on Redis.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createPacer, HCP_RATE_LIMIT_PER_SECOND, type Pacer, pacingFor } from '../hcp/pacing.js';
import type { Logger } from '../logger.js';
import { withTimeout } from '../with-timeout.js';
import { RESERVE_TOKEN_LUA } from './bucket-script.js';

const SCRIPT_SHA = createHash('sha1').update(RESERVE_TOKEN_LUA).digest('hex');
/** A reservation that takes longer than this is abandoned for local pacing: Redis is unwell. */
const RESERVE_TIMEOUT_MS = 1000;

export interface RateGateOptions {
  redis: Redis;
  keyPrefix: string;
  token: string;
  /** TFE_RATE_LIMIT: when set, the server's header is ignored. */
  configuredLimit: number | undefined;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** The Redis key of a token's bucket: a hash of the token, never the token. */
export function bucketKey(keyPrefix: string, token: string): string {
  return `${keyPrefix}hcp-rate:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
}

export class RedisRateGate implements Pacer {
  private limit: number;
  private local: Pacer;
  private readonly key: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private redisFailing = false;

  constructor(private readonly options: RateGateOptions) {
    this.limit = options.configuredLimit ?? HCP_RATE_LIMIT_PER_SECOND;
    this.local = createPacer(pacingFor(this.limit));
    this.key = bucketKey(options.keyPrefix, options.token);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Requests per second this gate currently allows (two thirds of the limit). */
  get ratePerSecond(): number {
    return pacingFor(this.limit).ratePerSecond;
  }

  async take(): Promise<void> {
    let waitMs: number;
    try {
      waitMs = await this.reserve();
    } catch (error) {
      if (!this.redisFailing)
        this.options.logger.warn(
          { err: error },
          'shared HCP rate limit unavailable; pacing this process alone',
        );
      this.redisFailing = true;
      return this.local.take();
    }
    if (this.redisFailing) this.options.logger.info('shared HCP rate limit available again');
    this.redisFailing = false;
    if (waitMs > 0) await this.sleep(waitMs);
  }

  observeLimit(limitPerSecond: number): void {
    if (this.options.configuredLimit !== undefined || limitPerSecond === this.limit) return;
    this.options.logger.info(
      { limitPerSecond, ratePerSecond: pacingFor(limitPerSecond).ratePerSecond },
      'HCP Terraform announced its rate limit; pacing to two thirds of it',
    );
    this.limit = limitPerSecond;
    this.local = createPacer(pacingFor(limitPerSecond));
  }

  private async reserve(): Promise<number> {
    const { ratePerSecond, burst } = pacingFor(this.limit);
    const args = [1, this.key, String(ratePerSecond), String(burst)] as const;
    const { redis } = this.options;
    const call = redis.evalsha(SCRIPT_SHA, ...args).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT'))
        return redis.eval(RESERVE_TOKEN_LUA, ...args);
      throw error;
    });
    const answer = await withTimeout(call, RESERVE_TIMEOUT_MS, 'Redis');
    return typeof answer === 'number' ? answer : Number(answer);
  }
}
