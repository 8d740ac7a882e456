import { handleFailure, jitter } from './delivery-failure.js';
import type { DeliveryDeps, DeliveryResult } from './delivery-types.js';
import type { PostJobData } from './jobs.js';
import { noopAlertMetrics, type PostKind } from './metrics.js';
import type { AlertMessage } from './presenter.js';
import { classifySlackError } from './slack-errors.js';

/** Channel messages about a subscription itself (not about a run): one top-level post each, paced. */
export function postProblem(
  data: Extract<PostJobData, { kind: 'problem' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  return postNotice(
    data,
    deps.presenter.workspaceProblem(data.workspaceLabel, data.problem),
    'problem',
    deps,
  );
}

export function postHealthNotice(
  data: Extract<PostJobData, { kind: 'health' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  return postNotice(data, deps.presenter.healthNotice(data.workspaceLabel, data), 'health', deps);
}

async function postNotice(
  data: { channelId: string; subscriptionId: string },
  message: AlertMessage,
  kind: PostKind,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const log = deps.logger.child({ channel: data.channelId, subscription: data.subscriptionId });
  const slotWait = await deps.pacing.reserveSlot(data.channelId);
  if (slotWait > 0) return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
  try {
    await deps.poster.post(data.channelId, message);
  } catch (error) {
    return handleFailure(classifySlackError(error), error, data.channelId, deps, log);
  }
  (deps.metrics ?? noopAlertMetrics).alertsPosted(kind, 1);
  return { status: 'done', posted: 1 };
}
