import type { Redis } from 'ioredis';
import type { AlertKeys, AlertRef } from './keys.js';
import { compareAndDelete, defineScripts, execAll, RedisScript } from './redis-script.js';

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

export interface ClaimOptions {
  ttlMs?: number;
  takeoverAfterMs?: number;
}

export type ClaimResult = { acquired: true; takenOver: boolean } | { acquired: false; waitMs: number };

const claimScript = new RedisScript('claim-alert', 1);

const markPostingScript = new RedisScript('mark-posting', 1);

const recordAlertScript = new RedisScript('record-alert', 5);

/** What one alert's delivery leaves in Redis once posted (recordPosted). */
export interface PostedEntry {
  ref: AlertRef;
  record: AlertRecord;
  invokedAtMs: number;
  ts: string;
  grouped: boolean;
  input: string;
  /** The claim value to delete: `<owner>|<token>`. */
  claim: { owner: string; token: string };
}

/** Per alert: records, queued markers, claims and posting markers: the exactly-once protocol's state. */
export class DeliveryRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {
    defineScripts(redis, claimScript, markPostingScript, recordAlertScript, compareAndDelete);
  }

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
  async recordPosted(entries: readonly PostedEntry[]): Promise<void> {
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
