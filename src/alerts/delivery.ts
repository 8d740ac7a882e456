import type { Workspace } from '../hcp/types.js';
import type { Logger } from '../logger.js';
import { handleFailure, jitter } from './delivery-failure.js';
import type { DeliveryDeps, DeliveryResult, StoredAlert } from './delivery-types.js';
import type { AlertItem } from './jobs.js';
import { type AlertRef, alertKey } from './keys.js';
import { noopAlertMetrics } from './metrics.js';
import { classifySlackError, type SlackFailure } from './slack-errors.js';
import { newToken } from './tokens.js';

const CLAIM_BUSY_RECHECK_MS = 5_000;
/** Slack ts and our clock may disagree a little; the look-back starts this much before the earlier attempt. */
const HISTORY_MARGIN_MS = 5 * 60_000;

/** One alert of the job, still to be posted. */
interface AlertToPost {
  ref: AlertRef;
  item: AlertItem;
  key: string;
}

/** One run of postAlerts: the job's alerts, who runs it, and the claim token it holds. */
interface Attempt {
  channelId: string;
  workspace: Workspace;
  owner: string;
  token: string;
  deps: DeliveryDeps;
  clock: () => number;
  log: Logger;
}

/**
 * Exactly once per (channel, action, run): record? done. Claim, re-check the record, take the channel's
 * send slot, mark the attempt, look in the history if an earlier attempt died after posting, post, record.
 * docs/architecture.md tells the protocol and its one duplicate window.
 */
export async function postAlerts(
  channelId: string,
  workspace: Workspace,
  items: readonly AlertItem[],
  owner: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const clock = deps.clock ?? Date.now;
  const attempt: Attempt = {
    channelId,
    workspace,
    owner,
    token: newToken(),
    deps,
    clock,
    log: deps.logger.child({ channel: channelId, job: owner }),
  };
  let todo = await skipMutedAndRecorded(attempt, items);
  if (todo.length === 0) return { status: 'done', posted: 0 };

  const busy = await claimAll(attempt, todo);
  if (busy) return busy;
  todo = await dropRecordedSinceLook(attempt, todo);
  if (todo.length === 0) return { status: 'done', posted: 0 };

  const slotWait = await deps.pacing.reserveSlot(channelId);
  if (slotWait > 0) {
    await releaseClaims(attempt, todo);
    return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
  }

  const recovered = await recoverEarlierPosts(attempt, todo);
  if ('status' in recovered) return recovered;
  if (recovered.left.length === 0) return { status: 'done', posted: 0 };
  return postAndRecord(attempt, recovered.left);
}

async function skipMutedAndRecorded(attempt: Attempt, items: readonly AlertItem[]): Promise<AlertToPost[]> {
  const all = items.map((item) => {
    const ref = { channelId: attempt.channelId, actionId: item.summary.actionId, runId: item.summary.runId };
    return { ref, item, key: alertKey(ref) };
  });
  const audible = await dropMuted(attempt, all);
  return unrecorded(attempt, audible);
}

async function dropMuted(attempt: Attempt, todo: AlertToPost[]): Promise<AlertToPost[]> {
  const { deps, channelId } = attempt;
  const muted = await deps.mutes.mutedAmong(
    channelId,
    todo.map((entry) => entry.ref.actionId),
  );
  if (muted.size === 0) return todo;
  const silenced = todo.filter((entry) => muted.has(entry.ref.actionId));
  await deps.state.delivery.markSuppressed(
    silenced.map((entry) => entry.ref),
    'muted',
    new Date(attempt.clock()),
  );
  return todo.filter((entry) => !muted.has(entry.ref.actionId));
}

async function unrecorded(attempt: Attempt, todo: AlertToPost[]): Promise<AlertToPost[]> {
  const left = await attempt.deps.state.delivery.notAlerted(todo.map((entry) => ({ ...entry.ref, entry })));
  return left.map((withRef) => withRef.entry);
}

function releaseClaims(attempt: Attempt, todo: readonly AlertToPost[]): Promise<void> {
  return attempt.deps.state.delivery.releaseClaims(
    todo.map((entry) => entry.ref),
    attempt.owner,
    attempt.token,
  );
}

/** Claims every alert of the job, or none: when another attempt holds one, the job comes back later. */
async function claimAll(attempt: Attempt, todo: AlertToPost[]): Promise<DeliveryResult | null> {
  const claims = await attempt.deps.state.delivery.claimAll(
    todo.map((entry) => entry.ref),
    attempt.owner,
    attempt.token,
    attempt.deps.claimOptions,
  );
  const waits = claims.flatMap((claim) => (claim.acquired ? [] : [claim.waitMs]));
  if (waits.length === 0) return null;
  await releaseClaims(
    attempt,
    todo.filter((_entry, index) => claims[index]?.acquired === true),
  );
  const delayMs = Math.min(Math.max(...waits), CLAIM_BUSY_RECHECK_MS);
  attempt.log.debug({ delayMs }, 'alert claimed by another attempt; checking again later');
  return { status: 'later', delayMs, reason: 'claimed elsewhere' };
}

/** Another attempt may have recorded between our first look and our claim. */
async function dropRecordedSinceLook(attempt: Attempt, todo: AlertToPost[]): Promise<AlertToPost[]> {
  const left = await unrecorded(attempt, todo);
  if (left.length < todo.length)
    await releaseClaims(
      attempt,
      todo.filter((entry) => !left.includes(entry)),
    );
  return left;
}

/**
 * An earlier attempt that left its marker may have posted without recording: look in the history before
 * posting again, and record what it finds. Returns the alerts still to post, or the job's result.
 */
async function recoverEarlierPosts(
  attempt: Attempt,
  todo: AlertToPost[],
): Promise<{ left: AlertToPost[] } | DeliveryResult> {
  const { deps, channelId, log } = attempt;
  const earlier = (
    await deps.state.delivery.markPosting(
      todo.map((entry) => entry.ref),
      attempt.clock(),
    )
  ).filter((previous): previous is number => previous !== null);
  if (earlier.length === 0) return { left: todo };
  const lookup = await findEarlierPosts(attempt, todo, Math.min(...earlier));
  if (!lookup.ok) {
    // History unreadable for now (rate limit, outage): keep the markers, try again later.
    await releaseClaims(attempt, todo);
    return handleFailure(lookup.failure, lookup.error, channelId, deps, log);
  }
  const { found } = lookup;
  if (found.size === 0) return { left: todo };
  await deps.state.delivery.recordPosted(
    todo.flatMap((entry) => {
      const hit = found.get(entry.key);
      return hit
        ? [recordEntry(attempt, entry, { ...hit, postedAt: attempt.clock(), fromHistory: true })]
        : [];
    }),
  );
  log.info(
    { recovered: found.size },
    'found alerts an earlier attempt posted; recorded them instead of posting',
  );
  return { left: todo.filter((entry) => !found.has(entry.key)) };
}

type HistoryLookup =
  | { ok: true; found: Map<string, { ts: string; grouped: boolean }> }
  | { ok: false; failure: SlackFailure; error: unknown };

async function findEarlierPosts(
  attempt: Attempt,
  todo: AlertToPost[],
  sinceMs: number,
): Promise<HistoryLookup> {
  try {
    const found = await attempt.deps.poster.findPosted(
      attempt.channelId,
      todo.map((entry) => entry.key),
      sinceMs - HISTORY_MARGIN_MS,
    );
    return { ok: true, found };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') return { ok: false, failure, error };
    attempt.log.warn(
      { error: failure.code },
      'an earlier attempt may have posted these alerts but the channel history cannot be read; posting anyway, a duplicate is possible',
    );
    return { ok: true, found: new Map() };
  }
}

async function postAndRecord(attempt: Attempt, todo: AlertToPost[]): Promise<DeliveryResult> {
  const { deps, channelId, workspace, log } = attempt;
  const facts = todo.map((entry) => ({ ...entry.item, workspace }));
  const grouped = facts.length > 1;
  const message = grouped
    ? deps.presenter.burst(channelId, facts)
    : deps.presenter.alert(channelId, facts[0] as (typeof facts)[number]);
  const keys = todo.map((entry) => entry.key);

  let ts: string;
  try {
    ts = await deps.poster.post(channelId, message, { alertKeys: keys });
  } catch (error) {
    const failure = classifySlackError(error);
    // Unknown outcome: keep claim and markers, so the retry waits for the takeover age and reads the history.
    if (failure.kind !== 'unknown_outcome') {
      await releaseClaims(attempt, todo);
      await deps.state.delivery.clearPosting(todo.map((entry) => entry.ref));
    }
    return handleFailure(failure, error, channelId, deps, log);
  }

  const postedAt = attempt.clock();
  await deps.state.delivery.recordPosted(
    todo.map((entry) => recordEntry(attempt, entry, { ts, grouped, postedAt, fromHistory: false })),
  );
  observePosted(deps, todo, grouped, postedAt);
  log.info({ ts, alerts: keys }, grouped ? 'posted grouped alert' : 'posted alert');
  return { status: 'done', posted: todo.length };
}

function observePosted(deps: DeliveryDeps, todo: AlertToPost[], grouped: boolean, postedAt: number): void {
  const metrics = deps.metrics ?? noopAlertMetrics;
  metrics.alertsPosted(grouped ? 'burst' : 'alert', todo.length);
  for (const entry of todo) {
    const invoked = Date.parse(entry.item.summary.invokedAt ?? '');
    if (Number.isFinite(invoked)) metrics.alertLatencySeconds(Math.max(0, (postedAt - invoked) / 1000));
  }
}

interface PostedAt {
  /** The Slack message that carries the alert. */
  ts: string;
  /** The message lists other alerts too (it is never rewritten on recovery). */
  grouped: boolean;
  postedAt: number;
  /** Found in the channel history, posted by an earlier attempt that died before recording. */
  fromHistory: boolean;
}

function recordEntry(attempt: Attempt, entry: AlertToPost, posted: PostedAt) {
  const { summary } = entry.item;
  const stored: StoredAlert = { item: entry.item, workspace: attempt.workspace };
  return {
    ref: entry.ref,
    record: {
      channel: entry.ref.channelId,
      ts: posted.ts,
      actionId: entry.ref.actionId,
      runId: entry.ref.runId,
      invokedAt: summary.invokedAt ?? '',
      postedAt: new Date(posted.postedAt).toISOString(),
      ...(posted.grouped ? { grouped: true } : {}),
      ...(posted.fromHistory ? { recoveredFromHistory: true } : {}),
    },
    invokedAtMs: Date.parse(summary.invokedAt ?? '') || 0,
    ts: posted.ts,
    grouped: posted.grouped,
    input: JSON.stringify(stored),
    claim: { owner: attempt.owner, token: attempt.token },
  };
}
