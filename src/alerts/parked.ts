import type { Redis } from 'ioredis';
import { HealthStore } from './health.js';
import type { PostJobData, PostJobSink, PostJobSpec } from './jobs.js';
import { type AlertKeys, jobIds } from './keys.js';
import { RedisScript } from './redis-script.js';

/** Slack's refusals that mean "the bot cannot post in this channel now" and that an invitation fixes. */
export const CHANNEL_UNREACHABLE_ERRORS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
]);

/** A channel nobody invites the bot back to does not keep its posts forever; each new one extends this. */
export const PARKED_TTL_SECONDS = 30 * 86_400;

interface ParkedEntry {
  /** The first job ID of the post (a re-parked job keeps it, so job IDs do not grow). */
  originalJobId: string;
  parkedAt: number;
  data: PostJobData;
}

// Takes the whole hash at once: of two listeners handling the same join, one gets the posts, the other none.
const takeAllScript = new RedisScript('take-all', 1);

/**
 * Posts Slack refused because the bot cannot reach the channel, kept per channel until the bot is invited
 * back; then re-enqueued once. Alert records still make each alert post exactly once.
 */
export class ParkedPosts {
  private readonly health: HealthStore;

  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {
    this.health = new HealthStore(redis, keys);
  }

  async park(jobId: string, data: PostJobData, code: string, nowMs: number): Promise<void> {
    const entry: ParkedEntry = { originalJobId: originalOf(jobId), parkedAt: nowMs, data };
    const key = this.keys.parked(data.channelId);
    await this.redis
      .multi()
      .hsetnx(key, entry.originalJobId, JSON.stringify(entry))
      .expire(key, PARKED_TTL_SECONDS)
      .exec();
    await this.health.markChannelUnreachable(data.channelId, code, nowMs);
  }

  async failingCount(): Promise<number> {
    return this.health.countFailing();
  }

  async count(channelId: string): Promise<number> {
    return this.redis.hlen(this.keys.parked(channelId));
  }

  /** The bot is back in the channel: its parked posts are enqueued again (once) and its health is cleared. */
  async release(channelId: string, sink: PostJobSink): Promise<number> {
    const raw = (await takeAllScript.run(this.redis, [this.keys.parked(channelId)], [])) as string[];
    const entries: ParkedEntry[] = [];
    for (let i = 1; i < raw.length; i += 2) {
      const entry = parseEntry(raw[i] ?? '');
      if (entry) entries.push(entry);
    }
    const specs: PostJobSpec[] = entries
      .sort((a, b) => a.parkedAt - b.parkedAt)
      .map((entry) => ({ jobId: jobIds.unparked(entry.originalJobId, entry.parkedAt), data: entry.data }));
    try {
      await sink.enqueue(specs);
    } catch (error) {
      const multi = this.redis.multi();
      for (const entry of entries)
        multi.hsetnx(this.keys.parked(channelId), entry.originalJobId, JSON.stringify(entry));
      multi.expire(this.keys.parked(channelId), PARKED_TTL_SECONDS);
      await multi.exec();
      throw error;
    }
    await this.health.clearChannelUnreachable(channelId);
    return specs.length;
  }
}

const UNPARKED_PREFIX = /^unparked-\d+-/;

function originalOf(jobId: string): string {
  return jobId.replace(UNPARKED_PREFIX, '');
}

function parseEntry(raw: string): ParkedEntry | null {
  try {
    const value = JSON.parse(raw) as Partial<ParkedEntry>;
    if (typeof value.originalJobId !== 'string' || typeof value.parkedAt !== 'number') return null;
    if (typeof value.data !== 'object' || value.data === null || typeof value.data.kind !== 'string')
      return null;
    return value as ParkedEntry;
  } catch {
    return null;
  }
}
