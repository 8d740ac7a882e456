import type { Redis } from 'ioredis';
import { wholeSecondIso } from '../hcp/whole-seconds.js';
import type { AlertKeys } from './keys.js';
import { compareAndDelete, RedisScript } from './redis-script.js';
import { newToken } from './tokens.js';

export const PENDING_MAX_AGE_MS = 24 * 3600_000;
export const PENDING_MAX_ENTRIES = 5000;

/** Refreshed at every write; an idle subscription simply reads its actions once more after a week. */
const READ_INVOCATIONS_TTL_SECONDS = 7 * 86_400;

export interface Cursor {
  ms: number;
  iso: string;
}

export interface PendingRun {
  actionId: string;
  runId: string;
  firstSeenMs: number;
}

const advanceCursorScript = new RedisScript('advance-cursor', 2);

const addPendingScript = new RedisScript('add-pending', 2);

const renewLockScript = new RedisScript('renew-lock', 1);

/** What the poller remembers per subscription: cursor, actions read, runs waited on, poll lock (health: health.ts). */
export class SubscriptionState {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

  async getCursor(subscriptionId: string): Promise<Cursor | null> {
    const [ms, iso] = await this.redis.hmget(this.keys.cursor(subscriptionId), 'ms', 'iso');
    const value = Number(ms);
    if (ms === null || ms === undefined || !Number.isFinite(value) || !iso) return null;
    return { ms: value, iso };
  }

  /**
   * Moves the cursor to `ms` if that is later than where it is (compare and set in one script, so two
   * pollers can never move it backwards), and only while the subscription exists.
   */
  async advanceCursor(
    subscriptionId: string,
    ms: number,
  ): Promise<'advanced' | 'unchanged' | 'no_subscription'> {
    const whole = Math.floor(ms / 1000) * 1000;
    const result = await advanceCursorScript.run(
      this.redis,
      [this.keys.cursor(subscriptionId), this.keys.subscription(subscriptionId)],
      [whole, wholeSecondIso(whole)],
    );
    return result === 1 ? 'advanced' : result === 0 ? 'unchanged' : 'no_subscription';
  }

  /** The last invocation of each action whose run summaries a tick has read (see the poller). */
  async readInvocations(subscriptionId: string, actionIds: readonly string[]): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    if (actionIds.length === 0) return known;
    const values = await this.redis.hmget(this.keys.readInvocations(subscriptionId), ...actionIds);
    actionIds.forEach((actionId, index) => {
      const value = values[index];
      if (typeof value === 'string') known.set(actionId, value);
    });
    return known;
  }

  async rememberReadInvocations(subscriptionId: string, entries: ReadonlyMap<string, string>): Promise<void> {
    if (entries.size === 0) return;
    const key = this.keys.readInvocations(subscriptionId);
    await this.redis
      .multi()
      .hset(key, Object.fromEntries(entries))
      // A subscription removed while its tick ran must not leave this behind for long.
      .expire(key, READ_INVOCATIONS_TTL_SECONDS)
      .exec();
  }

  /** Remembers runs seen in progress; the first sighting's time is kept. */
  async addPending(
    subscriptionId: string,
    runs: readonly { actionId: string; runId: string }[],
    nowMs: number,
  ): Promise<void> {
    if (runs.length === 0) return;
    await addPendingScript.run(
      this.redis,
      [this.keys.pending(subscriptionId), this.keys.subscription(subscriptionId)],
      [nowMs, ...runs.map(pendingMember)],
    );
  }

  async listPending(subscriptionId: string): Promise<PendingRun[]> {
    const flat = await this.redis.zrange(this.keys.pending(subscriptionId), 0, '-1', 'WITHSCORES');
    const runs: PendingRun[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const parsed = parsePendingMember(flat[i] ?? '');
      if (parsed) runs.push({ ...parsed, firstSeenMs: Number(flat[i + 1]) });
    }
    return runs;
  }

  async removePending(
    subscriptionId: string,
    runs: readonly { actionId: string; runId: string }[],
  ): Promise<void> {
    if (runs.length === 0) return;
    await this.redis.zrem(this.keys.pending(subscriptionId), ...runs.map(pendingMember));
  }

  /** Bounds the pending set: entries older than maxAgeMs go, then the oldest beyond maxEntries. */
  async trimPending(
    subscriptionId: string,
    nowMs: number,
    maxAgeMs = PENDING_MAX_AGE_MS,
    maxEntries = PENDING_MAX_ENTRIES,
  ): Promise<{ expired: string[]; overflow: string[] }> {
    const key = this.keys.pending(subscriptionId);
    const cutoff = nowMs - maxAgeMs;
    const expired = await this.redis.zrangebyscore(key, '-inf', `(${cutoff}`);
    if (expired.length > 0) await this.redis.zrem(key, ...expired);
    const size = await this.redis.zcard(key);
    let overflow: string[] = [];
    if (size > maxEntries) {
      const popped = await this.redis.zpopmin(key, size - maxEntries);
      overflow = popped.filter((_value, index) => index % 2 === 0);
    }
    return { expired, overflow };
  }

  async acquirePollLock(subscriptionId: string, ttlMs: number): Promise<string | null> {
    const token = newToken();
    const ok = await this.redis.set(this.keys.pollLock(subscriptionId), token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? token : null;
  }

  /** Extends a poll lock this poller still holds; false when it was lost (expired, or taken over). */
  async renewPollLock(subscriptionId: string, token: string, ttlMs: number): Promise<boolean> {
    const renewed = await renewLockScript.run(
      this.redis,
      [this.keys.pollLock(subscriptionId)],
      [token, ttlMs],
    );
    return renewed === 1;
  }

  async releasePollLock(subscriptionId: string, token: string): Promise<void> {
    await compareAndDelete.run(this.redis, [this.keys.pollLock(subscriptionId)], [token]);
  }
}

function pendingMember(run: { actionId: string; runId: string }): string {
  return `${run.actionId}|${run.runId}`;
}

export function parsePendingMember(member: string): { actionId: string; runId: string } | null {
  const [actionId, runId, extra] = member.split('|');
  return actionId && runId && extra === undefined ? { actionId, runId } : null;
}
