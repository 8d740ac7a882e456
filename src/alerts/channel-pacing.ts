import type { Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';

/** Slack allows about one message per second per channel. */
export const CHANNEL_PACE_MS = 1000;
const SLACK_ERROR_LOG_TTL_SECONDS = 86_400;

/** Per-channel send slots and log throttles, shared in Redis by every worker replica. */
export class ChannelPacing {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

  /** Takes the channel's next send slot: 0 when granted, else how many ms until it frees up. */
  async reserveSlot(channel: string): Promise<number> {
    const key = this.keys.pace(channel);
    if ((await this.redis.set(key, '1', 'PX', CHANNEL_PACE_MS, 'NX')) === 'OK') return 0;
    const ttl = await this.redis.pttl(key);
    return ttl > 0 ? ttl : 1;
  }

  /** Holds every post to the channel back, e.g. for the Retry-After of a 429. */
  async holdChannel(channel: string, ms: number): Promise<void> {
    const key = this.keys.pace(channel);
    const current = await this.redis.pttl(key);
    if (current < ms) await this.redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  /** True the first time this (channel, error) is seen within a day, so operators get one log line, not a flood. */
  async firstSighting(channel: string, error: string): Promise<boolean> {
    const key = this.keys.slackErrorLogged(channel, error);
    return (await this.redis.set(key, '1', 'EX', SLACK_ERROR_LOG_TTL_SECONDS, 'NX')) === 'OK';
  }
}
