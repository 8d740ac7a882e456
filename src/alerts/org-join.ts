import { wholeSecondIso } from '../hcp/whole-seconds.js';
import type { Logger } from '../logger.js';
import type { WorkspaceFacts } from './org-directory.js';
import type { OrgPollDeps } from './org-poll-deps.js';
import type { OrgSignalState } from './org-signal-state.js';
import type { OrgSubscription } from './org-subscriptions.js';
import { eachSummary, readWorkspaceActions, summaryFilters } from './poll-reads.js';
import type { Subscription } from './subscriptions.js';

/**
 * A workspace joins the scope. With the signal, its cursor starts at the previous cycle's watermark: the run
 * that made the signal name it was created after that, so it is read; runs from before are history. Runs
 * created in the watermark's very second were seen by an earlier cycle (they are in the watermark): their
 * failures are recorded as history so the first tick does not post them. Cost: 1 request, +1 per action
 * invoked since the watermark. In fallback there is no watermark: the first poll is today's baseline.
 */
export async function joinScope(
  subscription: OrgSubscription,
  workspace: WorkspaceFacts,
  previous: OrgSignalState,
  mode: 'signal' | 'fallback' | 'idle',
  deps: OrgPollDeps,
  log: Logger,
): Promise<Subscription | null> {
  if (mode !== 'signal') return deps.orgStore.addMember(subscription, workspace);
  // Listed as a member only once its cursor is set: a member without one would start with a baseline, which
  // records the very run that made it join as history. A crash before that repeats the whole join.
  const member = await deps.orgStore.addMember(subscription, workspace, false);
  if (!member) return null;
  const parsed = previous.watermark === null ? 0 : Date.parse(previous.watermark.createdAt);
  const sinceMs = Number.isFinite(parsed) ? parsed : 0;
  const seenRuns = new Set(previous.watermark?.runIds ?? []);
  if (seenRuns.size > 0) await recordSeenRunsAsHistory(member, wholeSecondIso(sinceMs), seenRuns, deps, log);
  await deps.state.subscription.advanceCursor(member.id, sinceMs);
  await deps.orgStore.indexMember(subscription, workspace.id);
  log.info(
    { member: member.id, since: wholeSecondIso(sinceMs) },
    'workspace joined the scope; watched from its new runs',
  );
  return member;
}

async function recordSeenRunsAsHistory(
  member: Subscription,
  sinceIso: string,
  seenRuns: ReadonlySet<string>,
  deps: OrgPollDeps,
  log: Logger,
): Promise<void> {
  const { actions } = await readWorkspaceActions(deps.hcp, member, { lastInvokedAt: { gte: sinceIso } });
  const history: { channelId: string; actionId: string; runId: string }[] = [];
  for (const action of actions)
    await eachSummary(
      deps.hcp,
      action.id,
      { ...summaryFilters(member), invokedAt: { gte: sinceIso } },
      member,
      log,
      (summary) => {
        if (seenRuns.has(summary.runId))
          history.push({ channelId: member.channelId, actionId: summary.actionId, runId: summary.runId });
      },
    );
  await deps.state.delivery.markSuppressed(history, 'history', new Date((deps.clock ?? Date.now)()));
}
