import type { Action, ListRunSummariesOptions, RunSummary } from '../hcp/types.js';
import { wholeSecondIso } from '../hcp/whole-seconds.js';
import type { Logger } from '../logger.js';
import { type AlertItem, type PostJobSpec, planAlertJobs } from './jobs.js';
import { type AlertRef, alertKey } from './keys.js';
import {
  alertActionOf,
  eachSummary,
  isSettled,
  loadAction,
  readWorkspaceActions,
  recheck,
  summaryFilters,
} from './poll-reads.js';
import { findRecoveries } from './poll-recoveries.js';
import {
  clockOf,
  emptyResult,
  type PollerDeps,
  type RunRef,
  runOf,
  SETTLE_SECONDS,
  type Seen,
  summaryId,
  type TickResult,
} from './poll-types.js';
import { type Cursor, parsePendingMember } from './subscription-state.js';
import type { Subscription } from './subscriptions.js';

/** How many dropped runs a tick names (the "alerts resumed" message lists them). */
const DROPPED_RUNS_NAMED = 10;

/** What one tick read: the runs, and the facts it needs to move on. */
interface TickReads {
  seen: Map<string, Seen>;
  actionsById: Map<string, Action>;
  serverTime: number | null;
  /** The last invocation of each action whose runs this tick read. */
  readNow: Map<string, string>;
  /** Runs of the pending set, by summaryId. */
  pendingIds: Set<string>;
  /** Pending runs no longer found. */
  vanished: RunRef[];
}

interface Classified {
  inProgress: RunSummary[];
  failed: Seen[];
  succeeded: RunSummary[];
  /** Pending runs that settled or vanished: they leave the pending set. */
  settled: RunRef[];
}

/**
 * A tick after the baseline: read (actions since the cursor, their runs, the pending runs), classify, then
 * write in the order that makes a crash repeat work instead of losing it (docs/architecture.md).
 */
export async function tick(
  subscription: Subscription,
  cursor: Cursor,
  deps: PollerDeps,
  log: Logger,
): Promise<TickResult> {
  const reads = await readSinceCursor(subscription, cursor, deps, log);
  await recheckPending(subscription, reads, deps, log);
  const classified = classify(reads);
  const channelId = subscription.channelId;
  const { items, muted } = await chooseAlerts(channelId, classified.failed, deps, log);
  const recoveries = await findRecoveries(channelId, classified.succeeded, deps);

  const trimmed = await enqueueThenRemember(
    subscription,
    { items, muted, recoveries, classified },
    deps,
    log,
  );
  await deps.state.subscription.rememberReadInvocations(subscription.id, reads.readNow);
  const cursorIso = await moveCursor(subscription, cursor, reads, deps);
  if (cursorIso === null) return emptyResult('no_subscription', null);

  if (items.length > 0 || recoveries.length > 0 || muted.length > 0)
    log.info(
      { alerts: items.length, recoveries: recoveries.length, muted: muted.length, cursor: cursorIso },
      'tick found new activity',
    );
  const dropped = [...trimmed.expired, ...trimmed.overflow];
  return {
    outcome: 'ok',
    alerts: items.length,
    recoveries: recoveries.length,
    suppressed: muted.length,
    pending: classified.inProgress.length,
    cursor: cursorIso,
    dropped: dropped.length,
    droppedRuns: dropped
      .slice(0, DROPPED_RUNS_NAMED)
      .flatMap((member) => parsePendingMember(member)?.runId ?? []),
  };
}

/**
 * Actions invoked since the cursor (an idle workspace costs this one request), then their runs since the
 * cursor whatever their status: `successful` notices recoveries of open alerts, and a status the API reference does not
 * list is kept pending until it settles.
 */
async function readSinceCursor(
  subscription: Subscription,
  cursor: Cursor,
  deps: PollerDeps,
  log: Logger,
): Promise<TickReads> {
  const filters = summaryFilters(subscription);
  const { actions, serverTime } = await readWorkspaceActions(deps.hcp, subscription, {
    lastInvokedAt: { gte: cursor.iso },
  });
  const seen = new Map<string, Seen>();
  // An action whose last invocation was already read needs no new read: runs of one workspace are
  // serialized, so a new invocation always moves that pointer, and a run still in progress is re-checked
  // through the pending set. This keeps ticks inside the settle window at one request per workspace.
  const alreadyRead = await deps.state.subscription.readInvocations(
    subscription.id,
    actions.map((action) => action.id),
  );
  const readNow = new Map<string, string>();
  for (const action of actions) {
    if (action.lastInvocationId !== null && alreadyRead.get(action.id) === action.lastInvocationId) continue;
    if (action.lastInvocationId !== null) readNow.set(action.id, action.lastInvocationId);
    const options: ListRunSummariesOptions = { ...filters, invokedAt: { gte: cursor.iso } };
    await eachSummary(deps.hcp, action.id, options, subscription, log, (summary) => {
      seen.set(summaryId(summary), { summary, action });
    });
  }
  const actionsById = new Map(actions.map((action) => [action.id, action]));
  return { seen, actionsById, serverTime, readNow, pendingIds: new Set(), vanished: [] };
}

/** Runs seen in progress earlier: one that ends without a new invocation never passes the cursor again. */
async function recheckPending(
  subscription: Subscription,
  reads: TickReads,
  deps: PollerDeps,
  log: Logger,
): Promise<void> {
  const filters = summaryFilters(subscription);
  const pending = await deps.state.subscription.listPending(subscription.id);
  for (const run of pending) {
    reads.pendingIds.add(summaryId(run));
    if (reads.seen.has(summaryId(run))) continue;
    const summary = await recheck(deps.hcp, run, filters, subscription, log);
    if (summary)
      reads.seen.set(summaryId(summary), { summary, action: reads.actionsById.get(run.actionId) ?? null });
    else reads.vanished.push(run);
  }
}

function classify(reads: TickReads): Classified {
  const classified: Classified = { inProgress: [], failed: [], succeeded: [], settled: [...reads.vanished] };
  for (const entry of reads.seen.values()) {
    const { summary } = entry;
    if (!isSettled(summary)) {
      classified.inProgress.push(summary);
      continue;
    }
    if (reads.pendingIds.has(summaryId(summary))) classified.settled.push(runOf(summary));
    if (summary.aggregateInvocationStatus === 'not_successful') classified.failed.push(entry);
    else if (summary.aggregateInvocationStatus === 'successful') classified.succeeded.push(summary);
  }
  return classified;
}

function refIn(channelId: string, summary: RunSummary): AlertRef {
  return { channelId, actionId: summary.actionId, runId: summary.runId };
}

/** The failures not yet handled (recorded, queued or claimed), split into alerts and muted ones. */
async function chooseAlerts(
  channelId: string,
  failed: Seen[],
  deps: PollerDeps,
  log: Logger,
): Promise<{ items: AlertItem[]; muted: AlertRef[] }> {
  const unhandled = new Set(
    (await deps.state.delivery.filterUnhandled(failed.map((entry) => refIn(channelId, entry.summary)))).map(
      alertKey,
    ),
  );
  const candidates = failed.filter((entry) => unhandled.has(alertKey(refIn(channelId, entry.summary))));
  const mutedActions = await deps.mutes.mutedAmong(
    channelId,
    candidates.map((entry) => entry.summary.actionId),
  );
  const items: AlertItem[] = [];
  for (const entry of candidates) {
    if (mutedActions.has(entry.summary.actionId)) continue;
    const action = entry.action ?? (await loadAction(deps.hcp, entry.summary.actionId, log));
    items.push({ summary: entry.summary, action: alertActionOf(action) });
  }
  const muted = candidates
    .filter((entry) => mutedActions.has(entry.summary.actionId))
    .map((entry) => refIn(channelId, entry.summary));
  return { items, muted };
}

/** Enqueue, then remember; only then shrink the pending set (the cursor moves after this). */
async function enqueueThenRemember(
  subscription: Subscription,
  found: { items: AlertItem[]; muted: AlertRef[]; recoveries: PostJobSpec[]; classified: Classified },
  deps: PollerDeps,
  log: Logger,
): Promise<{ expired: string[]; overflow: string[] }> {
  const { channelId } = subscription;
  const workspace = {
    id: subscription.workspaceId,
    name: subscription.workspaceName,
    organization: subscription.organization,
  };
  const jobs = [...planAlertJobs(channelId, workspace, found.items, deps.maxBurstItems), ...found.recoveries];
  const now = clockOf(deps)();
  await deps.state.delivery.markSuppressed(found.muted, 'muted', new Date(now));
  if (jobs.length > 0) await deps.sink.enqueue(jobs);
  await deps.state.delivery.markQueued(found.items.map((item) => refIn(channelId, item.summary)));
  await deps.state.subscription.addPending(subscription.id, found.classified.inProgress.map(runOf), now);
  await deps.state.subscription.removePending(subscription.id, found.classified.settled);
  const trimmed = await deps.state.subscription.trimPending(subscription.id, now);
  if (trimmed.expired.length > 0 || trimmed.overflow.length > 0)
    log.warn(
      { expired: trimmed.expired.length, overflow: trimmed.overflow.length },
      'dropped runs from the pending set (older than 24 h, or beyond its size bound); they will not be alerted',
    );
  return trimmed;
}

/** The cursor's ISO after the tick, or null when the subscription was removed meanwhile. */
async function moveCursor(
  subscription: Subscription,
  cursor: Cursor,
  reads: TickReads,
  deps: PollerDeps,
): Promise<string | null> {
  const nextMs = nextCursorMs(cursor, reads.serverTime, reads.seen);
  if (nextMs === null) return cursor.iso;
  const moved = await deps.state.subscription.advanceCursor(subscription.id, nextMs);
  if (moved === 'no_subscription') return null;
  return moved === 'advanced' ? wholeSecondIso(nextMs) : cursor.iso;
}

/**
 * cursor' = max(cursor, serverTime − SETTLE): server time only, never the local clock. Without a Date
 * header, the newest invoked-at seen this tick stands in (gte re-reads that second; records drop it).
 */
function nextCursorMs(
  cursor: Cursor,
  serverTimeMs: number | null,
  seen: ReadonlyMap<string, Seen>,
): number | null {
  let proposed: number | null = null;
  if (serverTimeMs !== null) proposed = serverTimeMs - SETTLE_SECONDS * 1000;
  else {
    for (const { summary } of seen.values()) {
      const invoked = Date.parse(summary.invokedAt ?? '');
      if (Number.isFinite(invoked) && (proposed === null || invoked > proposed)) proposed = invoked;
    }
  }
  return proposed !== null && proposed > cursor.ms ? proposed : null;
}
