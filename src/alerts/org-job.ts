import { organizationJobKey } from './org-keys.js';
import { type OrgPollDeps, pollOrganization } from './org-poll.js';

/** The poll lock a replica holds while it runs an organization's cycle (renewed like a subscription's). */
export async function runOrganizationJob(
  organization: string,
  deps: OrgPollDeps,
  lock: { ttlMs: number; renewEveryMs: number },
): Promise<string> {
  const lockKey = organizationJobKey(organization);
  const token = await deps.state.subscription.acquirePollLock(lockKey, lock.ttlMs);
  if (!token) {
    deps.metrics?.pollCompleted('skipped_locked');
    return 'skipped_locked';
  }
  const renewal = setInterval(() => {
    void deps.state.subscription.renewPollLock(lockKey, token, lock.ttlMs).catch(() => undefined);
  }, lock.renewEveryMs);
  try {
    const result = await pollOrganization(organization, deps);
    return result.mode;
  } finally {
    clearInterval(renewal);
    await deps.state.subscription.releasePollLock(lockKey, token).catch(() => undefined);
  }
}
