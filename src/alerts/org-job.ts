import { organizationJobKey } from './org-keys.js';
import { type OrgPollDeps, pollOrganization } from './org-poll.js';
import type { WebhookFollowUp } from './webhook-follow-up.js';

/**
 * The poll lock a replica holds while it runs an organization's cycle (renewed like a subscription's). A
 * webhook that arrives while the cycle runs gets one more cycle after it (webhook-follow-up.ts), keyed like
 * the doorbell's organization gate: organizationJobKey(organization).
 */
export async function runOrganizationJob(
  organization: string,
  deps: OrgPollDeps,
  lock: { ttlMs: number; renewEveryMs: number },
  followUp?: WebhookFollowUp,
): Promise<string> {
  const lockKey = organizationJobKey(organization);
  const token = await deps.state.subscription.acquirePollLock(lockKey, lock.ttlMs);
  if (!token) {
    deps.metrics?.pollCompleted('skipped_locked');
    return 'skipped_locked';
  }
  await followUp?.takeMark(lockKey);
  const renewal = setInterval(() => {
    void deps.state.subscription.renewPollLock(lockKey, token, lock.ttlMs).catch(() => undefined);
  }, lock.renewEveryMs);
  try {
    const result = await pollOrganization(organization, deps);
    return result.mode;
  } finally {
    clearInterval(renewal);
    await deps.state.subscription.releasePollLock(lockKey, token).catch(() => undefined);
    await followUp
      ?.followUpIfRung(lockKey, token, organization)
      .catch((error: unknown) =>
        deps.logger.warn(
          { organization, err: error instanceof Error ? error.message : String(error) },
          'a webhook arrived during the organization cycle but its follow-up could not be enqueued; the next tick covers it',
        ),
      );
  }
}
