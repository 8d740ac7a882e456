import { postAlerts } from './delivery.js';
import { PermanentDeliveryError } from './delivery-failure.js';
import type { DeliveryDeps, DeliveryResult } from './delivery-types.js';
import { postErrorText, queueErrorTexts } from './error-text-delivery.js';
import type { PostJobData, PostJobSink } from './jobs.js';
import { noopAlertMetrics } from './metrics.js';
import { postHealthNotice, postProblem } from './notice-delivery.js';
import { CHANNEL_UNREACHABLE_ERRORS, ParkedPosts } from './parked.js';
import { postRecovery } from './recovery-delivery.js';

/**
 * Runs one post job. `owner` identifies the job (its BullMQ ID): the claim protocol lets a later attempt of
 * the same job take over from an attempt that died.
 */
export async function runPostJob(
  data: PostJobData,
  owner: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  try {
    const result = await postByKind(data, owner, deps);
    if (result.status === 'done' && result.posted > 0 && deps.releaseSink)
      await releaseAfterPost(data.channelId, deps.releaseSink, deps);
    return result;
  } catch (error) {
    // The bot was removed or the channel archived: the post is kept until the bot is invited back.
    if (!(error instanceof PermanentDeliveryError) || !CHANNEL_UNREACHABLE_ERRORS.has(error.code))
      throw error;
    const parked = new ParkedPosts(deps.state.redis, deps.state.keys);
    await parked.park(owner, data, error.code, (deps.clock ?? Date.now)());
    (deps.metrics ?? noopAlertMetrics).failingSubscriptions(await parked.failingCount());
    return { status: 'done', posted: 0 };
  }
}

/** A post went through, so the bot is back even if its join event was missed: parked posts follow it. */
async function releaseAfterPost(channelId: string, sink: PostJobSink, deps: DeliveryDeps): Promise<void> {
  const parked = new ParkedPosts(deps.state.redis, deps.state.keys);
  if ((await parked.count(channelId)) === 0) return;
  const released = await parked.release(channelId, sink);
  deps.logger.info(
    { channel: channelId, released },
    'posting works again in this channel; parked posts released',
  );
}

/** errors:auto follows the alert: its jobs are queued once the alerts are recorded (also on a retry). */
async function postAlertsThenErrorTexts(
  data: Extract<PostJobData, { kind: 'alert' | 'burst' }>,
  owner: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const items = data.kind === 'alert' ? [data.item] : data.items;
  const result = await postAlerts(data.channelId, data.workspace, items, owner, deps);
  if (result.status === 'done') await queueErrorTexts(data.channelId, data.workspace, items, deps);
  return result;
}

function postByKind(data: PostJobData, owner: string, deps: DeliveryDeps): Promise<DeliveryResult> {
  switch (data.kind) {
    case 'alert':
    case 'burst':
      return postAlertsThenErrorTexts(data, owner, deps);
    case 'error-text':
      return postErrorText(data, deps);
    case 'recovery':
      return postRecovery(data, deps);
    case 'problem':
      return postProblem(data, deps);
    case 'health':
      return postHealthNotice(data, deps);
  }
}
