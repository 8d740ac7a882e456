import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type AlertKeys, jobIds } from './keys.js';
import type { PollJobData } from './queue.js';
import { doorbellKeys } from './webhook-arrivals.js';

const KEEP_COMPLETED = { age: 3600, count: 1000 };
const KEEP_FAILED = { age: 24 * 3600, count: 1000 };

/**
 * Keeps a webhook from being absorbed by a poll that was already running. Every webhook marks its
 * subscriptions "unseen"; a poll takes the mark when it starts (its HCP reads come after the webhook) and, when
 * it ends, finds the mark again only if a webhook arrived while it ran, whose run its reads may have missed.
 * Then it enqueues one more poll. A webhook poll that found the lock taken (skipped_locked) is covered this way
 * too: the poll holding the lock sees its mark. No clocks are compared, so web and worker may disagree on time.
 */
export interface WebhookFollowUp {
  /** Called right after the poll lock is acquired, before any HCP read. */
  takeMark(subscriptionId: string): Promise<void>;
  /**
   * Called after the poll lock is released; `pollToken` (the lock token) makes the follow-up's job ID unique.
   * For an organization's cycle, subscriptionId is organizationJobKey(organization) and `organization` is set.
   */
  followUpIfRung(subscriptionId: string, pollToken: string, organization?: string): Promise<boolean>;
}

export function createWebhookFollowUp(deps: {
  redis: Redis;
  keys: AlertKeys;
  pollQueue: Queue<PollJobData>;
}): WebhookFollowUp {
  const keys = doorbellKeys(deps.keys);
  return {
    async takeMark(subscriptionId) {
      await deps.redis.del(keys.unseen(subscriptionId));
    },
    async followUpIfRung(subscriptionId, pollToken, organization) {
      if ((await deps.redis.exists(keys.unseen(subscriptionId))) === 0) return false;
      await deps.pollQueue.add(
        'poll',
        organization === undefined ? { subscriptionId } : { subscriptionId, organization },
        {
          jobId: `${jobIds.pollScheduler(subscriptionId)}-webhook-after-${pollToken.replace(/[^A-Za-z0-9]/g, '')}`,
          attempts: 1,
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      );
      return true;
    },
  };
}
