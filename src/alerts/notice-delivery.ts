import { renderWorkspaceProblem } from '../slack/blocks/alert.js';
import { renderAlertsNotWorking, renderAlertsResumed } from '../slack/blocks/health.js';
import type { SlackMessage } from '../slack/blocks/message.js';
import { escapeMrkdwnOnce } from '../slack/blocks/mrkdwn.js';
import type { DeliveryDeps, DeliveryResult } from './delivery.js';
import { handleFailure, jitter } from './delivery-failure.js';
import { describeOutage } from './health-words.js';
import type { PostJobData } from './jobs.js';
import { noopAlertMetrics, type PostKind } from './metrics.js';
import { classifySlackError } from './slack-errors.js';

/** Channel messages about a subscription itself (not about a run): one top-level post each, paced. */
export function deliverProblem(
  data: Extract<PostJobData, { kind: 'problem' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  return postNotice(data, renderWorkspaceProblem(data.workspaceLabel, data.problem), 'problem', deps);
}

export function deliverHealth(
  data: Extract<PostJobData, { kind: 'health' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const message =
    data.state === 'failing'
      ? renderAlertsNotWorking(
          data.workspaceLabel,
          describeOutage(data.errorClass, escapeMrkdwnOnce(data.workspaceLabel)),
          data.since,
        )
      : renderAlertsResumed(data.workspaceLabel, data);
  return postNotice(data, message, 'health', deps);
}

async function postNotice(
  data: { channelId: string; subscriptionId: string },
  message: SlackMessage,
  kind: PostKind,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const log = deps.logger.child({ channel: data.channelId, subscription: data.subscriptionId });
  const slotWait = await deps.notifier.reserveSlot(data.channelId);
  if (slotWait > 0) return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
  try {
    await deps.notifier.post(data.channelId, message);
  } catch (error) {
    return handleFailure(classifySlackError(error), error, data.channelId, deps, log);
  }
  (deps.metrics ?? noopAlertMetrics).alertsPosted(kind, 1);
  return { status: 'done', posted: 1 };
}
