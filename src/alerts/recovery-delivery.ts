import { handleFailure, jitter } from './delivery-failure.js';
import type { DeliveryDeps, DeliveryResult, StoredAlert } from './delivery-types.js';
import type { PostJobData } from './jobs.js';
import { noopAlertMetrics } from './metrics.js';
import { classifySlackError } from './slack-errors.js';

/** Closes an alert whose action succeeded later: a thread reply, and the alert rewritten unless grouped. */
export async function postRecovery(
  data: Extract<PostJobData, { kind: 'recovery' }>,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const { state, poster, presenter } = deps;
  const log = deps.logger.child({ channel: data.channelId, actionId: data.actionId });
  const last = await state.recovery.getLastAlert(data.channelId, data.actionId);
  if (!last || last.runId !== data.alertRunId) return { status: 'done', posted: 0 };
  const stored = parseStoredAlert(last.input);
  if (!stored) {
    await state.recovery.closeLastAlert(data.channelId, data.actionId, data.alertRunId);
    return { status: 'done', posted: 0 };
  }
  const alert = { ...stored.item, workspace: stored.workspace };
  const recovery = { recoveredRunId: data.recoveredRunId, recoveredAt: data.recoveredAt };

  let posted = 0;
  if (last.recoveryReplyTs === null) {
    const slotWait = await deps.pacing.reserveSlot(data.channelId);
    if (slotWait > 0) return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
    try {
      const replyTs = await poster.post(data.channelId, presenter.recoveryReply(alert, recovery), {
        threadTs: last.ts,
      });
      await state.recovery.setRecoveryReplyTs(data.channelId, data.actionId, data.alertRunId, replyTs);
      posted = 1;
    } catch (error) {
      return handleFailure(classifySlackError(error), error, data.channelId, deps, log);
    }
  }

  // A grouped message lists other alerts too: it gets the thread reply but is never rewritten.
  if (!last.grouped) {
    try {
      await poster.update(data.channelId, last.ts, presenter.recoveredAlert(data.channelId, alert, recovery));
    } catch (error) {
      const failure = classifySlackError(error);
      if (!['message_not_found', 'cant_update_message', 'edit_window_closed'].includes(failure.code))
        return handleFailure(failure, error, data.channelId, deps, log);
      log.info({ error: failure.code }, 'the alert message can no longer be edited; the thread reply stands');
    }
  }
  await state.recovery.closeLastAlert(data.channelId, data.actionId, data.alertRunId);
  (deps.metrics ?? noopAlertMetrics).alertsPosted('recovery', 1);
  log.info({ alertRunId: data.alertRunId, recoveredRunId: data.recoveredRunId }, 'alert marked recovered');
  return { status: 'done', posted };
}

function parseStoredAlert(raw: string): StoredAlert | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredAlert>;
    return value.item?.summary && value.item.action && value.workspace ? (value as StoredAlert) : null;
  } catch {
    return null;
  }
}
