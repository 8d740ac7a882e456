import type { HcpApi } from '../hcp/api.js';
import { isHcpError, RateLimitedError, UnauthorizedError } from '../hcp/errors.js';
import type { Action, ListRunSummariesOptions, RunSummary } from '../hcp/types.js';
import type { Logger } from '../logger.js';
import { type AlertItem, type PostJobSink, type PostJobSpec, planAlertJobs, recoveryJob } from './jobs.js';
import { type AlertRef, alertKey } from './keys.js';
import { type AlertMetrics, noopAlertMetrics, type PollOutcome } from './metrics.js';
import type { MuteStore } from './mutes.js';
import { notePollFailure, notePollSuccess } from './poll-health.js';
import {
  alertActionOf,
  eachSummary,
  isSettled,
  listActions,
  loadAction,
  newestInvocation,
  recheck,
  summaryFilters,
  WorkspaceNotFound,
} from './poll-reads.js';
import type { AlertState } from './state.js';
import { type Cursor, isoSeconds, parsePendingMember } from './subscription-state.js';
import type { Subscription } from './subscriptions.js';

/**
 * Invocations carry whole-second timestamps and may be committed a little after their invoked-at, so each
 * tick re-reads this much of the past; what was already handled is dropped by alert records.
 */
export const SETTLE_SECONDS = 30;
/** How many dropped runs a tick names (the "alerts resumed" message lists them). */
const DROPPED_RUNS_NAMED = 10;

export interface PollerDeps {
  hcp: HcpApi;
  state: AlertState;
  mutes: MuteStore;
  sink: PostJobSink;
  logger: Logger;
  /** How many alerts one grouped message may list (MAX_BURST_ITEMS of the alert renderer). */
  maxBurstItems: number;
  metrics?: AlertMetrics;
  /** Local clock, only for the age of pending runs and record timestamps; never for the cursor. */
  clock?: () => number;
}

export interface TickResult {
  outcome: PollOutcome;
  alerts: number;
  recoveries: number;
  suppressed: number;
  pending: number;
  cursor: string | null;
  /** Runs dropped from the pending set this tick (age or size bound): their outcome will not be alerted. */
  dropped: number;
  /** The first few of them, by run ID. */
  droppedRuns: string[];
}

interface Seen {
  summary: RunSummary;
  /** Null when the run came from the pending set and its action was not listed this tick. */
  action: Action | null;
}

/**
 * One tick of one subscription (DESIGN.md "The poller, stated so it can be proved"). Reads everything first,
 * then writes: alerts are enqueued before the pending set shrinks and before the cursor moves, so a crash at
 * any point repeats work instead of losing it.
 */
export async function pollSubscription(subscription: Subscription, deps: PollerDeps): Promise<TickResult> {
  const metrics = deps.metrics ?? noopAlertMetrics;
  const log = deps.logger.child({ subscription: subscription.id });
  try {
    const cursor = await deps.state.subscription.getCursor(subscription.id);
    const result = cursor
      ? await tick(subscription, cursor, deps, log)
      : await baseline(subscription, deps, log);
    if (result.outcome !== 'no_subscription')
      await notePollSuccess(
        subscription,
        { baseline: !cursor, dropped: result.dropped, droppedRuns: result.droppedRuns },
        deps,
        log,
      );
    metrics.pollCompleted(result.outcome);
    return result;
  } catch (error) {
    if (isHcpError(error)) metrics.hcpError(error.kind);
    await notePollFailure(subscription, error, deps, log);
    if (error instanceof WorkspaceNotFound) {
      log.debug({ request: error.cause.request }, 'workspace answers 404; nothing advanced');
      metrics.pollCompleted('not_found');
      return emptyResult('not_found', null);
    }
    if (error instanceof UnauthorizedError) {
      const level = shouldShout(subscription.id, clockOf(deps)()) ? 'error' : 'debug';
      log[level](
        { request: error.request },
        `HCP Terraform refused the API token (${error.httpStatus ?? 401}); this tick did nothing`,
      );
      metrics.pollCompleted('unauthorized');
      return emptyResult('unauthorized', null);
    }
    metrics.pollCompleted(error instanceof RateLimitedError ? 'rate_limited' : 'error');
    throw error;
  }
}

/** The first tick: remember runs in progress, mark what is already visible as history, set the cursor. */
async function baseline(subscription: Subscription, deps: PollerDeps, log: Logger): Promise<TickResult> {
  const filters = summaryFilters(subscription);
  const { actions, serverTime } = await listActions(deps.hcp, subscription, {});

  const inProgress: RunSummary[] = [];
  for (const action of actions) {
    await eachSummary(
      deps.hcp,
      action.id,
      { ...filters, statuses: ['run_in_progress'] },
      subscription,
      log,
      (s) => {
        inProgress.push(s);
      },
    );
  }

  let anchorMs: number | null = serverTime === null ? null : serverTime - SETTLE_SECONDS * 1000;
  if (anchorMs === null) anchorMs = await newestInvocation(deps.hcp, actions, log);
  if (anchorMs === null) {
    log.warn('no server time and no invocation to anchor the baseline on; trying again next tick');
    return emptyResult('baseline', null);
  }

  // Failures already visible inside the re-read window are history: record them so no tick posts them.
  const anchor = isoSeconds(anchorMs);
  const recent = await listActions(deps.hcp, subscription, { lastInvokedAt: { gte: anchor } });
  const history: AlertRef[] = [];
  for (const action of recent.actions) {
    // Unfiltered by status: a status the seed does not list is only seen this way, and waits like run_in_progress.
    const options = { ...filters, invokedAt: { gte: anchor } };
    await eachSummary(deps.hcp, action.id, options, subscription, log, (s) => {
      if (s.aggregateInvocationStatus === 'not_successful')
        history.push({ channelId: subscription.channelId, actionId: s.actionId, runId: s.runId });
      else if (!isSettled(s) && s.aggregateInvocationStatus !== 'run_in_progress') inProgress.push(s);
    });
  }

  const now = clockOf(deps)();
  await deps.state.delivery.markSuppressed(history, 'history', new Date(now));
  await deps.state.subscription.addPending(subscription.id, inProgress.map(runOf), now);
  const moved = await deps.state.subscription.advanceCursor(subscription.id, anchorMs);
  if (moved === 'no_subscription') return emptyResult('no_subscription', null);
  log.info(
    { cursor: anchor, pending: inProgress.length, history: history.length, actions: actions.length },
    'subscription baseline set; earlier activity will not be posted',
  );
  return { ...emptyResult('baseline', anchor), pending: inProgress.length, suppressed: history.length };
}

async function tick(
  subscription: Subscription,
  cursor: Cursor,
  deps: PollerDeps,
  log: Logger,
): Promise<TickResult> {
  const clock = clockOf(deps);
  const filters = summaryFilters(subscription);
  const seen = new Map<string, Seen>();

  // 1. Actions invoked since the cursor: an idle workspace costs this one request.
  const { actions, serverTime } = await listActions(deps.hcp, subscription, {
    lastInvokedAt: { gte: cursor.iso },
  });
  const actionsById = new Map(actions.map((action) => [action.id, action]));

  // 2. Their runs since the cursor, whatever their status: `successful` notices recoveries of open alerts, and
  // a status the seed does not list is kept pending until it settles.
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

  // 3. Runs seen in progress earlier: one that ends without a new invocation never passes the cursor again.
  const pending = await deps.state.subscription.listPending(subscription.id);
  const pendingIds = new Set(pending.map((run) => summaryId(run)));
  const vanished: { actionId: string; runId: string }[] = [];
  for (const run of pending) {
    if (seen.has(summaryId(run))) continue;
    const summary = await recheck(deps.hcp, run, filters, subscription, log);
    if (summary) seen.set(summaryId(summary), { summary, action: actionsById.get(run.actionId) ?? null });
    else vanished.push(run);
  }

  // 4. Classify.
  const inProgress: RunSummary[] = [];
  const failed: Seen[] = [];
  const succeeded: RunSummary[] = [];
  const settled: { actionId: string; runId: string }[] = [...vanished];
  for (const entry of seen.values()) {
    const { summary } = entry;
    if (!isSettled(summary)) {
      inProgress.push(summary);
      continue;
    }
    if (pendingIds.has(summaryId(summary))) settled.push(runOf(summary));
    if (summary.aggregateInvocationStatus === 'not_successful') failed.push(entry);
    else if (summary.aggregateInvocationStatus === 'successful') succeeded.push(summary);
  }

  const channelId = subscription.channelId;
  const refOf = (summary: RunSummary): AlertRef => ({
    channelId,
    actionId: summary.actionId,
    runId: summary.runId,
  });
  const unhandled = new Set(
    (await deps.state.delivery.filterUnhandled(failed.map((entry) => refOf(entry.summary)))).map(alertKey),
  );
  const candidates = failed.filter((entry) => unhandled.has(alertKey(refOf(entry.summary))));
  const muted = await deps.mutes.mutedAmong(
    channelId,
    candidates.map((entry) => entry.summary.actionId),
  );
  const suppressed = candidates.filter((entry) => muted.has(entry.summary.actionId));
  const toAlert = candidates.filter((entry) => !muted.has(entry.summary.actionId));

  const items: AlertItem[] = [];
  for (const entry of toAlert) {
    const action = entry.action ?? (await loadAction(deps.hcp, entry.summary.actionId, log));
    items.push({ summary: entry.summary, action: alertActionOf(action) });
  }
  const recoveries = await findRecoveries(channelId, succeeded, deps);

  // 5. Enqueue, then remember; only then shrink the pending set and move the cursor.
  const workspace = {
    id: subscription.workspaceId,
    name: subscription.workspaceName,
    organization: subscription.organization,
  };
  const jobs: PostJobSpec[] = [
    ...planAlertJobs(channelId, workspace, items, deps.maxBurstItems),
    ...recoveries,
  ];
  const now = clock();
  await deps.state.delivery.markSuppressed(
    suppressed.map((entry) => refOf(entry.summary)),
    'muted',
    new Date(now),
  );
  if (jobs.length > 0) await deps.sink.enqueue(jobs);
  await deps.state.delivery.markQueued(items.map((item) => refOf(item.summary)));
  await deps.state.subscription.addPending(subscription.id, inProgress.map(runOf), now);
  await deps.state.subscription.removePending(subscription.id, settled);
  const trimmed = await deps.state.subscription.trimPending(subscription.id, now);
  if (trimmed.expired.length > 0 || trimmed.overflow.length > 0)
    log.warn(
      { expired: trimmed.expired.length, overflow: trimmed.overflow.length },
      'dropped runs from the pending set (older than 24 h, or beyond its size bound); they will not be alerted',
    );

  await deps.state.subscription.rememberReadInvocations(subscription.id, readNow);

  const nextMs = nextCursorMs(cursor, serverTime, seen);
  let cursorIso = cursor.iso;
  if (nextMs !== null) {
    const moved = await deps.state.subscription.advanceCursor(subscription.id, nextMs);
    if (moved === 'no_subscription') return emptyResult('no_subscription', null);
    if (moved === 'advanced') cursorIso = isoSeconds(nextMs);
  }

  if (items.length > 0 || recoveries.length > 0 || suppressed.length > 0)
    log.info(
      { alerts: items.length, recoveries: recoveries.length, muted: suppressed.length, cursor: cursorIso },
      'tick found new activity',
    );
  return {
    outcome: 'ok',
    alerts: items.length,
    recoveries: recoveries.length,
    suppressed: suppressed.length,
    pending: inProgress.length,
    cursor: cursorIso,
    dropped: trimmed.expired.length + trimmed.overflow.length,
    droppedRuns: [...trimmed.expired, ...trimmed.overflow]
      .slice(0, DROPPED_RUNS_NAMED)
      .flatMap((member) => parsePendingMember(member)?.runId ?? []),
  };
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

/** An open alert of the action in this channel, older than a successful run seen now, is recovered. */
async function findRecoveries(
  channelId: string,
  succeeded: RunSummary[],
  deps: PollerDeps,
): Promise<PostJobSpec[]> {
  if (succeeded.length === 0) return [];
  const open = await deps.state.recovery.lastAlertsFor(
    channelId,
    succeeded.map((summary) => summary.actionId),
  );
  const earliestAfter = new Map<string, RunSummary>();
  for (const summary of succeeded) {
    const alert = open.get(summary.actionId);
    const invoked = Date.parse(summary.invokedAt ?? '');
    if (!alert || alert.runId === summary.runId || !(invoked > alert.invokedAtMs)) continue;
    const best = earliestAfter.get(summary.actionId);
    if (!best || invoked < Date.parse(best.invokedAt ?? '')) earliestAfter.set(summary.actionId, summary);
  }
  return [...earliestAfter.entries()].flatMap(([actionId, summary]) => {
    const alert = open.get(actionId);
    return alert ? [recoveryJob(channelId, actionId, alert.runId, summary)] : [];
  });
}

/** A refused token fails every tick: say it loudly once per subscription every 10 minutes, not every second. */
const UNAUTHORIZED_REPEAT_MS = 10 * 60_000;
const lastUnauthorizedShout = new Map<string, number>();

function shouldShout(subscriptionId: string, now: number): boolean {
  const last = lastUnauthorizedShout.get(subscriptionId);
  if (last !== undefined && now - last < UNAUTHORIZED_REPEAT_MS) return false;
  if (lastUnauthorizedShout.size > 10_000) lastUnauthorizedShout.clear();
  lastUnauthorizedShout.set(subscriptionId, now);
  return true;
}

function runOf(run: { actionId: string; runId: string }): { actionId: string; runId: string } {
  return { actionId: run.actionId, runId: run.runId };
}

function summaryId(run: { actionId: string; runId: string }): string {
  return `${run.actionId}:${run.runId}`;
}

function clockOf(deps: PollerDeps): () => number {
  return deps.clock ?? Date.now;
}

function emptyResult(outcome: PollOutcome, cursor: string | null): TickResult {
  return {
    outcome,
    alerts: 0,
    recoveries: 0,
    suppressed: 0,
    pending: 0,
    cursor,
    dropped: 0,
    droppedRuns: [],
  };
}
