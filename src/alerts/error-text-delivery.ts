/**
 * errors:auto: once an alert is recorded, its thread gets the failing action's error text as a reply, once
 * per alert across retries and workers. A done marker says it was posted; a short claim keeps two attempts
 * from posting at the same time. A worker dying between Slack's answer and the marker can repeat the reply
 * once the claim runs out, the same window as the alert itself (docs/architecture.md).
 */

import type { Workspace } from '../hcp/types.js';
import { handleFailure, jitter } from './delivery-failure.js';
import { ALERT_RECORD_TTL_SECONDS } from './delivery-records.js';
import type { DeliveryDeps, DeliveryResult, ErrorTextDeps } from './delivery-types.js';
import { errorTextModeOf } from './error-text-mode.js';
import { type AlertItem, errorTextJob, type PostJobData, refOf } from './jobs.js';
import { noopAlertMetrics } from './metrics.js';
import { compareAndDelete } from './redis-script.js';
import { classifySlackError } from './slack-errors.js';
import { newToken } from './tokens.js';

const CLAIM_TTL_MS = 60_000;
const CLAIM_BUSY_RECHECK_MS = 5_000;
/** Triggering resources read to match the log; a failure lists few. */
const TRIGGERS_PAGE_SIZE = 100;

/** After an alert or burst job: one error-text job per alert of a subscription that says errors:auto. */
export async function queueErrorTexts(
  channelId: string,
  workspace: Workspace,
  items: readonly AlertItem[],
  deps: DeliveryDeps,
): Promise<void> {
  const errorText = deps.errorText;
  if (errorText === undefined || items.length === 0) return;
  if ((await errorTextModeOf(deps.state.redis, deps.state.keys, channelId, workspace.id)) !== 'auto') return;
  const { delivery } = deps.state;
  const recorded: AlertItem[] = [];
  for (const item of items) {
    const record = await delivery.getAlertRecord(refOf(channelId, item));
    if (record !== null && 'ts' in record) recorded.push(item);
  }
  await errorText.sink.enqueue(recorded.map((item) => errorTextJob(channelId, workspace, item)));
}

export async function postErrorText(
  data: Extract<PostJobData, { kind: 'error-text' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const errorText = deps.errorText;
  if (errorText === undefined) return { status: 'done', posted: 0 };
  const { redis, keys, delivery } = deps.state;
  const ref = refOf(data.channelId, data.item);
  const log = deps.logger.child({ channel: data.channelId, actionId: ref.actionId, runId: ref.runId });
  if ((await redis.exists(keys.errorTextPosted(ref))) === 1) return { status: 'done', posted: 0 };
  const record = await delivery.getAlertRecord(ref);
  if (record === null || !('ts' in record)) return { status: 'done', posted: 0 };
  // Turned off since the job was queued: the channel no longer wants log text.
  if ((await errorTextModeOf(redis, keys, data.channelId, data.workspace.id)) === 'off')
    return { status: 'done', posted: 0 };

  const token = newToken();
  const claimKey = keys.errorTextClaim(ref);
  if ((await redis.set(claimKey, token, 'PX', CLAIM_TTL_MS, 'NX')) !== 'OK')
    return { status: 'later', delayMs: CLAIM_BUSY_RECHECK_MS, reason: 'error text claimed elsewhere' };
  const release = () => compareAndDelete.run(redis, [claimKey], [token]);
  try {
    if ((await redis.exists(keys.errorTextPosted(ref))) === 1) return { status: 'done', posted: 0 };
    // The send slot first: a job sent back for pacing has not read anything from HCP Terraform yet.
    const slotWait = await deps.pacing.reserveSlot(data.channelId);
    if (slotWait > 0) return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
    const result = await errorText.find({
      runId: ref.runId,
      actionAddress: data.item.action.address,
      triggeringResourceAddresses: await failedTriggers(errorText, ref.actionId, ref.runId),
    });
    const message = deps.presenter.actionError(
      data.channelId,
      { ...data.item, workspace: data.workspace },
      result,
    );
    try {
      await deps.poster.post(data.channelId, message, { threadTs: record.ts });
    } catch (error) {
      return handleFailure(classifySlackError(error), error, data.channelId, deps, log);
    }
    await redis.set(keys.errorTextPosted(ref), '1', 'EX', ALERT_RECORD_TTL_SECONDS);
    (deps.metrics ?? noopAlertMetrics).alertsPosted('error-text', 1);
    log.info('posted the error text in the alert thread');
    return { status: 'done', posted: 1 };
  } finally {
    await release();
  }
}

async function failedTriggers(errorText: ErrorTextDeps, actionId: string, runId: string): Promise<string[]> {
  const page = await errorText.hcp.listInvocations(actionId, runId, {
    statuses: ['failed'],
    pageSize: TRIGGERS_PAGE_SIZE,
  });
  return [...new Set(page.items.flatMap((invocation) => invocation.triggeringResourceAddress ?? []))];
}
