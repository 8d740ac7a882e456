import type { Logger } from '../logger.js';
import { HealthStore } from './health.js';
import { classifyPollFailure } from './health-words.js';
import { healthJob, type PostJobSink } from './jobs.js';
import { type AlertMetrics, noopAlertMetrics } from './metrics.js';
import type { AlertState } from './state.js';
import type { Subscription } from './subscriptions.js';

export interface PollHealthDeps {
  state: AlertState;
  sink: PostJobSink;
  metrics?: AlertMetrics;
  clock?: () => number;
}

/** What a good tick tells health: whether it only set the baseline, and how many pending runs it dropped. */
export interface GoodTick {
  baseline: boolean;
  dropped: number;
  droppedRuns: string[];
}

function storeOf(deps: PollHealthDeps): HealthStore {
  return new HealthStore(deps.state.redis, deps.state.keys);
}

function labelOf(subscription: Subscription): string {
  return `${subscription.organization}/${subscription.workspaceName}`;
}

/** A good tick: after an outage the channel was told about, one "alerts resumed" message. */
export async function notePollSuccess(
  subscription: Subscription,
  tick: GoodTick,
  deps: PollHealthDeps,
  log: Logger,
): Promise<void> {
  const health = storeOf(deps);
  const now = (deps.clock ?? Date.now)();
  const verdict = await health.recordSuccess(subscription.id, now);
  if (!verdict.resumed) return;
  const notice = {
    state: 'resumed' as const,
    since: verdict.failingSinceMs === null ? null : new Date(verdict.failingSinceMs).toISOString(),
    dropped: tick.dropped,
    droppedRuns: tick.droppedRuns,
    baselineOnly: tick.baseline,
  };
  try {
    await deps.sink.enqueue([
      healthJob(subscription.channelId, subscription.id, labelOf(subscription), notice, now),
    ]);
  } catch (error) {
    await health.restoreNotice(subscription.id, now);
    throw error;
  }
  log.info({ dropped: tick.dropped, baseline: tick.baseline }, 'polls work again; telling the channel once');
  await reportFailingCount(health, deps);
}

/** A failed tick: counted; past the threshold, one "alerts are not working" message. */
export async function notePollFailure(
  subscription: Subscription,
  error: unknown,
  deps: PollHealthDeps,
  log: Logger,
): Promise<void> {
  const health = storeOf(deps);
  const now = (deps.clock ?? Date.now)();
  const { errorClass, message } = classifyPollFailure(error);
  const verdict = await health.recordFailure(subscription.id, now, errorClass, message);
  if (verdict !== 'notify') return;
  const [current] = [...(await health.read([subscription.id])).values()];
  const since = current?.failingSince ?? new Date(now).toISOString();
  try {
    await deps.sink.enqueue([
      healthJob(
        subscription.channelId,
        subscription.id,
        labelOf(subscription),
        { state: 'failing', errorClass, since },
        now,
      ),
    ]);
  } catch (enqueueError) {
    await health.forgetNotice(subscription.id);
    throw enqueueError;
  }
  log.error({ errorClass, since }, 'alerts of this subscription are not working; telling the channel once');
  await reportFailingCount(health, deps);
}

async function reportFailingCount(health: HealthStore, deps: PollHealthDeps): Promise<void> {
  (deps.metrics ?? noopAlertMetrics).failingSubscriptions(await health.countFailing());
}
