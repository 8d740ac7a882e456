import type { RunSummary } from '../hcp/types.js';
import { wholeSecondIso } from '../hcp/whole-seconds.js';
import type { Logger } from '../logger.js';
import type { AlertRef } from './keys.js';
import {
  eachSummary,
  isSettled,
  newestInvocation,
  readWorkspaceActions,
  summaryFilters,
} from './poll-reads.js';
import {
  clockOf,
  emptyResult,
  type PollerDeps,
  runOf,
  SETTLE_SECONDS,
  type TickResult,
} from './poll-types.js';
import type { Subscription } from './subscriptions.js';

/** The first tick: remember runs in progress, mark what is already visible as history, set the cursor. */
export async function baseline(
  subscription: Subscription,
  deps: PollerDeps,
  log: Logger,
): Promise<TickResult> {
  const filters = summaryFilters(subscription);
  const { actions, serverTime } = await readWorkspaceActions(deps.hcp, subscription, {});

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
  const anchor = wholeSecondIso(anchorMs);
  const recent = await readWorkspaceActions(deps.hcp, subscription, { lastInvokedAt: { gte: anchor } });
  const history: AlertRef[] = [];
  for (const action of recent.actions) {
    // Unfiltered by status: a status the API reference does not list is only seen this way, and waits like run_in_progress.
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
