import type { Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';
import { execAll, RedisScript } from './redis-script.js';

/** A subscription is "not working" after this many failed ticks in a row, or this long, whichever comes first. */
export const FAILING_AFTER_TICKS = 5;
export const FAILING_AFTER_MS = 5 * 60_000;

/** Why a poll failed, as the channel and `subscriptions` name it (health-words.ts has the sentences). */
export type PollErrorClass =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'unreadable'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalid_request'
  | 'internal';

/** What `subscriptions`, /healthz and the gauge show of one subscription. */
export interface SubscriptionHealth {
  lastSuccessAt: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  errorClass: PollErrorClass | null;
  errorMessage: string | null;
  /** The channel was told that alerts are not working. */
  noticed: boolean;
  /** Slack refused to post in the channel (not_in_channel, is_archived…); alerts are parked until it is back. */
  channelError: string | null;
}

export type FailureVerdict = 'notify' | 'quiet';
export type SuccessVerdict = { resumed: false } | { resumed: true; failingSinceMs: number | null };

// KEYS: health, failing set, subscription. ARGV: now, class, message, maxTicks, maxMs, subscription ID.
// Exactly one caller (across replicas and restarts) gets 1: the one that sets `noticed`.
const recordFailureScript = new RedisScript('record-failure', 3);

// KEYS: health, failing set, subscription. ARGV: now, subscription ID. Returns {noticed, firstFailureMs}.
const recordSuccessScript = new RedisScript('record-success', 3);

// KEYS: health, failing set. ARGV: subscription ID.
const clearChannelErrorScript = new RedisScript('clear-channel-error', 2);

/** Per-subscription poll health in Redis: counts failed ticks and decides, atomically, who tells the channel. */
export class HealthStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

  /** Counts one failed tick; 'notify' exactly once per outage, when it crosses the threshold. */
  async recordFailure(
    subscriptionId: string,
    nowMs: number,
    errorClass: PollErrorClass,
    message: string,
  ): Promise<FailureVerdict> {
    const result = await recordFailureScript.run(
      this.redis,
      [
        this.keys.health(subscriptionId),
        this.keys.failingSubscriptions(),
        this.keys.subscription(subscriptionId),
      ],
      [nowMs, errorClass, message, FAILING_AFTER_TICKS, FAILING_AFTER_MS, subscriptionId],
    );
    return result === 1 ? 'notify' : 'quiet';
  }

  /** Records a good tick; `resumed` exactly once after an outage the channel was told about. */
  async recordSuccess(subscriptionId: string, nowMs: number): Promise<SuccessVerdict> {
    const result = (await recordSuccessScript.run(
      this.redis,
      [
        this.keys.health(subscriptionId),
        this.keys.failingSubscriptions(),
        this.keys.subscription(subscriptionId),
      ],
      [nowMs, subscriptionId],
    )) as [number, string];
    if (result[0] !== 1) return { resumed: false };
    const since = Number(result[1]);
    return { resumed: true, failingSinceMs: result[1] !== '' && Number.isFinite(since) ? since : null };
  }

  /** Undoes a 'notify' whose message could not be enqueued, so the next failed tick tries again. */
  async forgetNotice(subscriptionId: string): Promise<void> {
    await this.redis.hdel(this.keys.health(subscriptionId), 'noticed');
  }

  /** Undoes a 'resumed' whose message could not be enqueued: the next good tick announces it. */
  async restoreNotice(subscriptionId: string, nowMs: number): Promise<void> {
    await this.redis.hset(this.keys.health(subscriptionId), 'noticed', String(nowMs));
  }

  /** Slack refuses the channel: every subscription of it is marked until the bot is back. */
  async markChannelUnreachable(channelId: string, code: string, nowMs: number): Promise<void> {
    const ids = await this.redis.smembers(this.keys.channelSubscriptions(channelId));
    if (ids.length === 0) return;
    const multi = this.redis.multi();
    for (const id of ids) {
      multi.hset(this.keys.health(id), 'channelError', code, 'channelErrorAt', String(nowMs));
      multi.sadd(this.keys.failingSubscriptions(), id);
    }
    await execAll(multi);
  }

  async clearChannelUnreachable(channelId: string): Promise<void> {
    const ids = await this.redis.smembers(this.keys.channelSubscriptions(channelId));
    for (const id of ids)
      await clearChannelErrorScript.run(
        this.redis,
        [this.keys.health(id), this.keys.failingSubscriptions()],
        [id],
      );
  }

  async read(subscriptionIds: readonly string[]): Promise<Map<string, SubscriptionHealth>> {
    const health = new Map<string, SubscriptionHealth>();
    if (subscriptionIds.length === 0) return health;
    const pipeline = this.redis.pipeline();
    for (const id of subscriptionIds) pipeline.hgetall(this.keys.health(id));
    const results = await execAll(pipeline);
    subscriptionIds.forEach((id, index) => {
      health.set(id, parseHealth((results[index] ?? {}) as Record<string, string>));
    });
    return health;
  }

  async failingIds(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.failingSubscriptions())).sort();
  }

  async countFailing(): Promise<number> {
    return this.redis.scard(this.keys.failingSubscriptions());
  }
}

function parseHealth(fields: Record<string, string>): SubscriptionHealth {
  const iso = (value: string | undefined) => {
    const ms = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  };
  return {
    lastSuccessAt: iso(fields.lastSuccessMs),
    failingSince: iso(fields.firstFailureMs),
    consecutiveFailures: Number(fields.failures ?? 0) || 0,
    errorClass: (fields.errorClass as PollErrorClass | undefined) ?? null,
    errorMessage: fields.errorMessage ?? null,
    noticed: fields.noticed !== undefined,
    channelError: fields.channelError ?? null,
  };
}
