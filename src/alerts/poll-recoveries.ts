import type { RunSummary } from '../hcp/types.js';
import { type PostJobSpec, recoveryJob } from './jobs.js';
import type { PollerDeps } from './poll-types.js';

/** An open alert of the action in this channel, older than a successful run seen now, is recovered. */
export async function findRecoveries(
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
