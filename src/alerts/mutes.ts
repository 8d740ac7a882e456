import type { Redis } from 'ioredis';
import { isValidId } from '../hcp/ids.js';
import type { AlertKeys } from './keys.js';
import { checkChannelId } from './subscriptions.js';

/** The longest mute; `/tfactions mute` refuses more (its parser imports these). */
export const MAX_MUTE_SECONDS = 90 * 86_400;
/** A mute without `for:`, and the alert's Mute button. */
export const DEFAULT_MUTE_SECONDS = 86_400;

export interface Mute {
  actionId: string;
  until: string;
}

/**
 * Mutes of one action in one channel. The mute key itself expires with the mute (Redis does the expiry);
 * a per-channel sorted set, scored by expiry, only serves listing.
 */
export class MuteStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
    private readonly clock: () => number = Date.now,
  ) {}

  async mute(
    channelId: string,
    actionId: string,
    seconds: number,
    userId: string,
  ): Promise<{ until: string }> {
    checkChannelId(channelId);
    if (!isValidId('action', actionId))
      throw new RangeError(`${JSON.stringify(actionId)} is not an action ID`);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_MUTE_SECONDS)
      throw new RangeError(`a mute lasts between 1 second and ${MAX_MUTE_SECONDS / 86_400} days`);
    const durationMs = Math.round(seconds * 1000);
    const untilMs = this.clock() + durationMs;
    const until = new Date(untilMs).toISOString();
    await this.redis
      .multi()
      .set(this.keys.mute(channelId, actionId), JSON.stringify({ until, by: userId }), 'PX', durationMs)
      .zadd(this.keys.channelMutes(channelId), untilMs, actionId)
      .zremrangebyscore(this.keys.channelMutes(channelId), '-inf', this.clock())
      .exec();
    return { until };
  }

  async unmute(channelId: string, actionId: string): Promise<boolean> {
    checkChannelId(channelId);
    const results = await this.redis
      .multi()
      .del(this.keys.mute(channelId, actionId))
      .zrem(this.keys.channelMutes(channelId), actionId)
      .exec();
    const deleted = results?.[0]?.[1];
    return typeof deleted === 'number' && deleted > 0;
  }

  async list(channelId: string): Promise<Mute[]> {
    checkChannelId(channelId);
    const key = this.keys.channelMutes(channelId);
    await this.redis.zremrangebyscore(key, '-inf', this.clock());
    const flat = await this.redis.zrange(key, 0, '-1', 'WITHSCORES');
    const mutes: Mute[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const actionId = flat[i];
      const score = Number(flat[i + 1]);
      if (actionId !== undefined && Number.isFinite(score))
        mutes.push({ actionId, until: new Date(score).toISOString() });
    }
    return mutes;
  }

  async isMuted(channelId: string, actionId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.mute(channelId, actionId))) > 0;
  }

  /** Which of these actions are muted in the channel, in one round trip. */
  async mutedAmong(channelId: string, actionIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(actionIds)];
    if (unique.length === 0) return new Set();
    const pipeline = this.redis.pipeline();
    for (const actionId of unique) pipeline.exists(this.keys.mute(channelId, actionId));
    const results = (await pipeline.exec()) ?? [];
    return new Set(unique.filter((_id, index) => results[index]?.[1] === 1));
  }
}
