import type { Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';
import { execAll, RedisScript } from './redis-script.js';

/** The newest alert of an action in a channel, kept for recovery. */
export interface LastAlert {
  ts: string;
  runId: string;
  invokedAtMs: number;
  /** Posted inside a grouped message: recovery replies in its thread but never rewrites it. */
  grouped: boolean;
  /** JSON of the alert's facts (what the presenter's recoveredAlert needs). */
  input: string;
  recoveryReplyTs: string | null;
}

const deleteLastAlertScript = new RedisScript('delete-last-alert', 1);

const setRecoveryReplyScript = new RedisScript('set-recovery-reply', 1);

/** Per channel and action: the newest alert, kept until a later success closes it. */
export class RecoveryState {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

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
