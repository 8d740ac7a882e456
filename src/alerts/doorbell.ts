import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isValidId } from '../hcp/ids.js';
import { type AlertKeys, jobIds } from './keys.js';
import { createOrgKeys, organizationJobKey } from './org-keys.js';
import type { PollJobData } from './queue.js';
import { doorbellKeys } from './webhook-arrivals.js';

/** A burst of webhooks becomes at most one poll per subscription in this window. */
export const DOORBELL_WINDOW_MS = 1000;
/** A webhook no poll has seen outlives no scheduled poll; this only bounds the key of a lost subscription. */
const UNSEEN_TTL_SECONDS = 24 * 3600;
const KEEP_COMPLETED = { age: 3600, count: 1000 };
const KEEP_FAILED = { age: 24 * 3600, count: 1000 };

export interface DoorbellRing {
  /** Subscriptions covering the workspace: its workspace subscriptions, then its organization's ones. */
  covering: string[];
  /**
   * Polls enqueued now, by the ID their gate and follow-up mark use: a workspace subscription's ID, or
   * organizationJobKey(organization) for the organization's cycle. The others had one within the window.
   */
  enqueued: string[];
}

export interface Doorbell {
  /**
   * "Look at this workspace now": polls every workspace subscription covering it and, when `organization`
   * (the validated organization_name of the webhook) has organization subscriptions, that organization's
   * cycle; each deduplicated.
   */
  ring(workspaceId: string, organization?: string | null): Promise<DoorbellRing>;
}

/** One poll the doorbell may enqueue: a workspace subscription's, or an organization's cycle. */
interface PollTarget {
  gateId: string;
  data: PollJobData;
}

export interface DoorbellDeps {
  redis: Redis;
  keys: AlertKeys;
  pollQueue: Queue<PollJobData>;
  /** Which subscriptions cover a workspace; by default the per-workspace subscriptions. */
  covering?: (workspaceId: string) => Promise<string[]>;
  clock?: () => number;
}

/**
 * docs/architecture.md (webhooks): a webhook only enqueues the poll the scheduler would run, so the
 * poller's rules (cursor, pending runs, claims) decide what is alerted, and a lost webhook costs only latency.
 * A workspace nobody subscribes to costs the one read that says so.
 */
export function createDoorbell(deps: DoorbellDeps): Doorbell {
  const clock = deps.clock ?? Date.now;
  const keys = doorbellKeys(deps.keys);
  const orgKeys = createOrgKeys(deps.keys);
  const covering =
    deps.covering ?? ((workspaceId) => subscriptionsOfWorkspace(deps.redis, deps.keys, workspaceId));
  return {
    async ring(workspaceId, organization) {
      if (!isValidId('workspace', workspaceId))
        throw new RangeError(`${JSON.stringify(workspaceId)} is not a workspace ID`);
      const hasOrganization = typeof organization === 'string' && isValidId('organization', organization);
      const [workspaceSubscriptions, organizationSubscriptions] = await Promise.all([
        covering(workspaceId),
        hasOrganization ? deps.redis.smembers(orgKeys.organizationSubscriptions(organization)) : [],
      ]);
      const subscriptionIds = [...workspaceSubscriptions, ...organizationSubscriptions.sort()];
      if (subscriptionIds.length === 0) return { covering: [], enqueued: [] };
      const targets: PollTarget[] = workspaceSubscriptions.map((id) => ({
        gateId: id,
        data: { subscriptionId: id },
      }));
      if (hasOrganization && organizationSubscriptions.length > 0) {
        const jobKey = organizationJobKey(organization);
        targets.push({ gateId: jobKey, data: { subscriptionId: jobKey, organization } });
      }

      const now = clock();
      const arrivedAt = new Date(now).toISOString();
      const pipeline = deps.redis.pipeline();
      for (const id of subscriptionIds) pipeline.hset(keys.lastWebhook, id, arrivedAt);
      for (const { gateId } of targets)
        pipeline.set(keys.unseen(gateId), arrivedAt, 'EX', UNSEEN_TTL_SECONDS);
      for (const { gateId } of targets)
        pipeline.set(keys.pollGate(gateId), String(now), 'PX', DOORBELL_WINDOW_MS, 'NX');
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
      const gateReplies = results.slice(subscriptionIds.length + targets.length).map(([, reply]) => reply);
      const open = targets.filter((_target, index) => gateReplies[index] === 'OK');
      if (open.length === 0) return { covering: subscriptionIds, enqueued: [] };

      // The gate is the deduplication; the second in the job ID only makes a repeat of this very enqueue
      // (another web replica, a retried ring) a no-op while the job waits or runs.
      const second = Math.floor(now / 1000);
      try {
        await deps.pollQueue.addBulk(
          open.map(({ gateId, data }) => ({
            name: 'poll',
            data,
            opts: {
              jobId: `${jobIds.pollScheduler(gateId)}-webhook-${second}`,
              attempts: 1,
              removeOnComplete: KEEP_COMPLETED,
              removeOnFail: KEEP_FAILED,
            },
          })),
        );
      } catch (error) {
        // Nothing was enqueued: the next webhook must not find the window closed.
        await deps.redis.del(...open.map(({ gateId }) => keys.pollGate(gateId))).catch(() => undefined);
        throw error;
      }
      return { covering: subscriptionIds, enqueued: open.map(({ gateId }) => gateId) };
    },
  };
}

/**
 * The subscriptions of one workspace, from the global index in one read. A subscription ID is
 * `<channel>-<workspace>` and channel IDs have no `-`, so the workspace is everything after the first one.
 */
export async function subscriptionsOfWorkspace(
  redis: Redis,
  keys: AlertKeys,
  workspaceId: string,
): Promise<string[]> {
  const ids = await redis.smembers(keys.allSubscriptions());
  return ids
    .filter((id) => {
      const separator = id.indexOf('-');
      return separator > 0 && id.slice(separator + 1) === workspaceId;
    })
    .sort();
}
