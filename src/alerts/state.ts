import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AlertKeys, AlertRef } from './keys.js';
import { compareAndDelete, execAll, LuaScript } from './redis-script.js';

/** Alert records of posted alerts. */
export const ALERT_RECORD_TTL_SECONDS = 90 * 86_400;
/** A suppression only has to outlive every re-read of its run: the settle window and the 24 h pending bound. */
export const SUPPRESSION_TTL_SECONDS = 2 * 86_400;
export const CLAIM_TTL_MS = 60_000;
/** Longer than one post attempt can last (WebClient timeout 10 s plus pacing and history), so a takeover never races a live attempt. */
export const CLAIM_TAKEOVER_AFTER_MS = 20_000;
export const POSTING_MARKER_TTL_SECONDS = 86_400;
/** A queued marker only saves a re-enqueue; the post job's own checks are what make posting exactly once. */
export const QUEUED_MARKER_TTL_SECONDS = 3600;
export const PENDING_MAX_AGE_MS = 24 * 3600_000;
export const PENDING_MAX_ENTRIES = 5000;

export interface Cursor {
  ms: number;
  iso: string;
}

export interface PendingRun {
  actionId: string;
  runId: string;
  firstSeenMs: number;
}

/** What `alerted:<channel>:<action>:<run>` holds. */
export type AlertRecord =
  | {
      channel: string;
      ts: string;
      actionId: string;
      runId: string;
      invokedAt: string;
      postedAt: string;
      grouped?: boolean;
      /** Set when the message was found in the channel's history instead of being posted again. */
      recoveredFromHistory?: boolean;
    }
  | { suppressed: 'muted' | 'history'; actionId: string; runId: string; at: string };

/** The newest alert of an action in a channel, kept for recovery. */
export interface LastAlert {
  ts: string;
  runId: string;
  invokedAtMs: number;
  /** Posted inside a grouped message: recovery replies in its thread but never rewrites it. */
  grouped: boolean;
  /** JSON of the alert's facts (what renderRecoveredAlert needs). */
  input: string;
  recoveryReplyTs: string | null;
}

export interface ClaimOptions {
  ttlMs?: number;
  takeoverAfterMs?: number;
}

export type ClaimResult = { acquired: true; takenOver: boolean } | { acquired: false; waitMs: number };

const claimScript = new LuaScript(
  `local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return {1, 0}
end
local ttl = redis.call('PTTL', KEYS[1])
local elapsed = tonumber(ARGV[3]) - ttl
if string.sub(current, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
  if elapsed >= tonumber(ARGV[4]) then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
    return {2, 0}
  end
  return {0, tonumber(ARGV[4]) - elapsed}
end
return {0, ttl}`,
  1,
);

const markPostingScript = new LuaScript(
  `local previous = redis.call('GET', KEYS[1])
if previous then return previous end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false`,
  1,
);

const advanceCursorScript = new LuaScript(
  `if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local current = tonumber(redis.call('HGET', KEYS[1], 'ms'))
local proposed = tonumber(ARGV[1])
if current and current >= proposed then return 0 end
redis.call('HSET', KEYS[1], 'ms', ARGV[1], 'iso', ARGV[2])
return 1`,
  2,
);

const addPendingScript = new LuaScript(
  `if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local added = 0
for i = 2, #ARGV do added = added + redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[i]) end
return added`,
  2,
);

const recordAlertScript = new LuaScript(
  `redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local current = tonumber(redis.call('HGET', KEYS[2], 'invokedAtMs'))
if (not current) or current <= tonumber(ARGV[4]) then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'ts', ARGV[5], 'runId', ARGV[6], 'invokedAtMs', ARGV[4], 'grouped', ARGV[7], 'input', ARGV[8])
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
if redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
redis.call('DEL', KEYS[4], KEYS[5])
return 1`,
  5,
);

const renewLockScript = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  1,
);

const deleteLastAlertScript = new LuaScript(
  `if redis.call('HGET', KEYS[1], 'runId') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

const setRecoveryReplyScript = new LuaScript(
  `if redis.call('HGET', KEYS[1], 'runId') == ARGV[1] then return redis.call('HSET', KEYS[1], 'recoveryReplyTs', ARGV[2]) end
return -1`,
  1,
);

export function newToken(): string {
  return randomBytes(12).toString('base64url');
}

/** Whole-second ISO, the form HCP Terraform uses and compares. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Refreshed at every write; an idle subscription simply reads its actions once more after a week. */
const READ_INVOCATIONS_TTL_SECONDS = 7 * 86_400;

/** Everything the poller and the post jobs remember in Redis. */
export class AlertState {
  constructor(
    readonly redis: Redis,
    readonly keys: AlertKeys,
  ) {}

  // ---- per subscription: cursor, pending runs, poll lock (poll health: health.ts) ----

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
      [whole, isoSeconds(whole)],
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

  // ---- per alert: records, queued markers, claims, posting markers ----

  /** The refs that have neither been alerted (or suppressed), nor queued, nor claimed. */
  async filterUnhandled(refs: readonly AlertRef[]): Promise<AlertRef[]> {
    if (refs.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ref of refs)
      pipeline.exists(this.keys.alerted(ref), this.keys.queued(ref), this.keys.claim(ref));
    const counts = await execAll(pipeline);
    return refs.filter((_ref, index) => counts[index] === 0);
  }

  /** The refs without an alert record (neither posted nor suppressed). */
  async notAlerted<T extends AlertRef>(refs: readonly T[]): Promise<T[]> {
    if (refs.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ref of refs) pipeline.exists(this.keys.alerted(ref));
    const counts = await execAll(pipeline);
    return refs.filter((_ref, index) => counts[index] === 0);
  }

  async getAlertRecord(ref: AlertRef): Promise<AlertRecord | null> {
    const raw = await this.redis.get(this.keys.alerted(ref));
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as AlertRecord;
    } catch {
      return null;
    }
  }

  async markQueued(refs: readonly AlertRef[]): Promise<void> {
    if (refs.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const ref of refs) pipeline.set(this.keys.queued(ref), '1', 'EX', QUEUED_MARKER_TTL_SECONDS);
    await execAll(pipeline);
  }

  /** Records that this alert must never be posted (muted, or history at subscription time). */
  async markSuppressed(refs: readonly AlertRef[], reason: 'muted' | 'history', now: Date): Promise<void> {
    if (refs.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const ref of refs) {
      const record: AlertRecord = {
        suppressed: reason,
        actionId: ref.actionId,
        runId: ref.runId,
        at: now.toISOString(),
      };
      pipeline.set(this.keys.alerted(ref), JSON.stringify(record), 'EX', SUPPRESSION_TTL_SECONDS, 'NX');
      pipeline.del(this.keys.queued(ref));
    }
    await execAll(pipeline);
  }

  /**
   * Claims the right to post this alert. The claim is `<owner>|<token>` where owner is the post job's ID: an
   * attempt of the same job may take over a claim older than `takeoverAfterMs` (its earlier attempt died or
   * timed out; the job lock says no other attempt of it runs now), any other claimant waits for release or
   * expiry. Ages are measured on the Redis clock (PTTL).
   */
  async claim(ref: AlertRef, owner: string, token: string, options: ClaimOptions = {}): Promise<ClaimResult> {
    const ttlMs = options.ttlMs ?? CLAIM_TTL_MS;
    const takeoverAfterMs = options.takeoverAfterMs ?? CLAIM_TAKEOVER_AFTER_MS;
    const result = await claimScript.run(
      this.redis,
      [this.keys.claim(ref)],
      [claimValue(owner, token), owner, ttlMs, takeoverAfterMs],
    );
    return toClaimResult(result);
  }

  /** Claims several alerts in one round trip (same rules as claim). */
  async claimAll(
    refs: readonly AlertRef[],
    owner: string,
    token: string,
    options: ClaimOptions = {},
  ): Promise<ClaimResult[]> {
    if (refs.length === 0) return [];
    const ttlMs = options.ttlMs ?? CLAIM_TTL_MS;
    const takeoverAfterMs = options.takeoverAfterMs ?? CLAIM_TAKEOVER_AFTER_MS;
    const pipeline = this.redis.pipeline();
    for (const ref of refs)
      claimScript.queue(
        pipeline,
        [this.keys.claim(ref)],
        [claimValue(owner, token), owner, ttlMs, takeoverAfterMs],
      );
    return (await execAll(pipeline)).map(toClaimResult);
  }

  async releaseClaims(refs: readonly AlertRef[], owner: string, token: string): Promise<void> {
    if (refs.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const ref of refs)
      compareAndDelete.queue(pipeline, [this.keys.claim(ref)], [claimValue(owner, token)]);
    await execAll(pipeline);
  }

  async releaseClaim(ref: AlertRef, owner: string, token: string): Promise<void> {
    await compareAndDelete.run(this.redis, [this.keys.claim(ref)], [claimValue(owner, token)]);
  }

  /**
   * Marks the start of a post attempt for each alert. Returns, per alert, the start time of an earlier
   * attempt that never recorded its outcome (it may have posted), or null when this is the first attempt.
   */
  async markPosting(refs: readonly AlertRef[], nowMs: number): Promise<(number | null)[]> {
    if (refs.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ref of refs)
      markPostingScript.queue(
        pipeline,
        [this.keys.posting(ref)],
        [String(nowMs), POSTING_MARKER_TTL_SECONDS],
      );
    return (await execAll(pipeline)).map((previous) => {
      if (previous === null || previous === undefined) return null;
      const value = Number(previous);
      return Number.isFinite(value) && value > 0 ? value : nowMs;
    });
  }

  async clearPosting(refs: readonly AlertRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.redis.del(...refs.map((ref) => this.keys.posting(ref)));
  }

  /**
   * After the post: the alert record, the action's last alert (if this one is newer), and the claim and
   * posting marker gone, each alert in one atomic script; several alerts in one round trip.
   */
  async recordPosted(
    entries: readonly {
      ref: AlertRef;
      record: AlertRecord;
      invokedAtMs: number;
      ts: string;
      grouped: boolean;
      input: string;
      /** The claim value to delete: `<owner>|<token>`. */
      claim: { owner: string; token: string };
    }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      const { ref } = entry;
      recordAlertScript.queue(
        pipeline,
        [
          this.keys.alerted(ref),
          this.keys.lastAlert(ref.channelId, ref.actionId),
          this.keys.claim(ref),
          this.keys.posting(ref),
          this.keys.queued(ref),
        ],
        [
          JSON.stringify(entry.record),
          ALERT_RECORD_TTL_SECONDS,
          claimValue(entry.claim.owner, entry.claim.token),
          entry.invokedAtMs,
          entry.ts,
          ref.runId,
          entry.grouped ? '1' : '0',
          entry.input,
        ],
      );
    }
    await execAll(pipeline);
  }

  // ---- recovery ----

  async getLastAlert(channelId: string, actionId: string): Promise<LastAlert | null> {
    return parseLastAlert(await this.redis.hgetall(this.keys.lastAlert(channelId, actionId)));
  }

  async lastAlertsFor(channelId: string, actionIds: readonly string[]): Promise<Map<string, LastAlert>> {
    const unique = [...new Set(actionIds)];
    const found = new Map<string, LastAlert>();
    if (unique.length === 0) return found;
    const pipeline = this.redis.pipeline();
    for (const actionId of unique) pipeline.hgetall(this.keys.lastAlert(channelId, actionId));
    const results = await execAll(pipeline);
    unique.forEach((actionId, index) => {
      const parsed = parseLastAlert(results[index]);
      if (parsed) found.set(actionId, parsed);
    });
    return found;
  }

  async setRecoveryReplyTs(
    channelId: string,
    actionId: string,
    alertRunId: string,
    ts: string,
  ): Promise<void> {
    await setRecoveryReplyScript.run(
      this.redis,
      [this.keys.lastAlert(channelId, actionId)],
      [alertRunId, ts],
    );
  }

  /** Closes the action's open alert, unless a newer alert replaced it meanwhile. */
  async closeLastAlert(channelId: string, actionId: string, alertRunId: string): Promise<boolean> {
    const deleted = await deleteLastAlertScript.run(
      this.redis,
      [this.keys.lastAlert(channelId, actionId)],
      [alertRunId],
    );
    return deleted === 1;
  }
}

function toClaimResult(result: unknown): ClaimResult {
  const [status, waitMs] = Array.isArray(result) ? result.map(Number) : [0, 1000];
  if (status === 1) return { acquired: true, takenOver: false };
  if (status === 2) return { acquired: true, takenOver: true };
  return { acquired: false, waitMs: Math.max(1, waitMs ?? 1000) };
}

function claimValue(owner: string, token: string): string {
  return `${owner}|${token}`;
}

function pendingMember(run: { actionId: string; runId: string }): string {
  return `${run.actionId}|${run.runId}`;
}

export function parsePendingMember(member: string): { actionId: string; runId: string } | null {
  const [actionId, runId, extra] = member.split('|');
  return actionId && runId && extra === undefined ? { actionId, runId } : null;
}

function parseLastAlert(value: unknown): LastAlert | null {
  if (typeof value !== 'object' || value === null) return null;
  const hash = value as Record<string, string | undefined>;
  const invokedAtMs = Number(hash.invokedAtMs);
  if (!hash.ts || !hash.runId || !Number.isFinite(invokedAtMs) || hash.input === undefined) return null;
  return {
    ts: hash.ts,
    runId: hash.runId,
    invokedAtMs,
    grouped: hash.grouped === '1',
    input: hash.input,
    recoveryReplyTs: hash.recoveryReplyTs ?? null,
  };
}
