import { isHcpError, RateLimitedError, UnauthorizedError } from '../hcp/errors.js';
import { noopAlertMetrics } from './metrics.js';
import { baseline } from './poll-baseline.js';
import { notePollFailure, notePollSuccess } from './poll-health.js';
import { WorkspaceNotFound } from './poll-reads.js';
import { tick } from './poll-tick.js';
import { clockOf, emptyResult, type PollerDeps, type TickResult } from './poll-types.js';
import type { Subscription } from './subscriptions.js';

/**
 * One tick of one subscription (docs/architecture.md, "The alert flow"). Reads everything first,
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
