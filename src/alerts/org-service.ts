import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { AlertKeys } from './keys.js';
import { readDirectory } from './org-directory.js';
import { organizationJobKey } from './org-keys.js';
import { readSignalState } from './org-signal-state.js';
import { type OrgSubscription, OrgSubscriptionStore } from './org-subscriptions.js';
import { type PollJobData, removePollScheduler, upsertPollScheduler } from './queue.js';
import { type OrganizationScope, workspaceInScope } from './scope.js';
import type { SubscriptionFilters } from './types.js';

/** How an organization subscription finds activity: the shared signal, or one poll per workspace (404). */
export type OrgWatchMode = 'signal' | 'fallback' | 'starting';

export interface OrgSubscriptionView {
  subscription: OrgSubscription;
  /** Workspaces of the scope in what the worker last listed; null before its first cycle. */
  covered: number | null;
  mode: OrgWatchMode;
}

/** The organization-subscription part of the AlertService (producer.ts). */
export interface OrgAlertService {
  /** Stores it and upserts the organization's scheduler (one per organization, shared). */
  subscribeOrganization(input: {
    channelId: string;
    scope: OrganizationScope;
    filters: SubscriptionFilters;
    userId: string;
  }): Promise<{ subscription: OrgSubscription; created: boolean }>;
  /** Removes it; the organization's scheduler goes with its last subscription. */
  unsubscribeOrganization(channelId: string, scope: OrganizationScope): Promise<boolean>;
  listOrganizationSubscriptions(channelId: string): Promise<OrgSubscriptionView[]>;
  /** The channel's organization subscriptions that have a member for this workspace. */
  organizationSubscriptionsCovering(channelId: string, workspaceId: string): Promise<OrgSubscription[]>;
  /** Channels with at least one organization subscription. */
  listOrganizationChannels(): Promise<string[]>;
  /** Every organization with subscriptions, and its mode (the doctor shows a fallback). */
  organizationModes(): Promise<Map<string, OrgWatchMode>>;
}

export function createOrgAlertService(options: {
  redis: Redis;
  keys: AlertKeys;
  pollQueue: Queue<PollJobData>;
  pollIntervalSeconds: number;
  logger: Logger;
}): OrgAlertService {
  const { redis, keys, pollQueue, logger } = options;
  const store = new OrgSubscriptionStore(redis, keys);
  const modeOf = async (organization: string): Promise<OrgWatchMode> => {
    const state = await readSignalState(redis, store.orgKeys, organization);
    if (state.endpointMissing) return 'fallback';
    return state.watermark === null && state.started.length === 0 ? 'starting' : 'signal';
  };
  return {
    async subscribeOrganization(input) {
      const result = await store.upsert({ ...input, now: new Date() });
      const { organization } = result.subscription;
      const jobKey = organizationJobKey(organization);
      await upsertPollScheduler(pollQueue, jobKey, options.pollIntervalSeconds, organization);
      logger.info(
        { subscription: result.subscription.id, created: result.created, by: input.userId },
        result.created ? 'organization subscription created' : 'organization subscription filters updated',
      );
      return result;
    },
    async unsubscribeOrganization(channelId, scope) {
      const { removed, lastOfOrganization } = await store.remove(channelId, scope);
      if (lastOfOrganization) await removePollScheduler(pollQueue, organizationJobKey(scope.organization));
      if (removed)
        logger.info(
          { channel: channelId, organization: scope.organization },
          'organization subscription removed',
        );
      return removed;
    },
    async listOrganizationSubscriptions(channelId) {
      const subscriptions = await store.listForChannel(channelId);
      // The directory is only read here (the worker keeps it), so HCP is never asked from this path.
      const views: OrgSubscriptionView[] = [];
      for (const subscription of subscriptions) {
        const facts = await readDirectory(redis, store.orgKeys, subscription.organization);
        const covered =
          facts.size === 0
            ? null
            : [...facts.values()].filter((w) => workspaceInScope(w, subscription.scope)).length;
        views.push({ subscription, covered, mode: await modeOf(subscription.organization) });
      }
      return views;
    },
    organizationSubscriptionsCovering: (channelId, workspaceId) =>
      store.coveringWorkspace(channelId, workspaceId),
    async listOrganizationChannels() {
      const channels = new Set<string>();
      for (const organization of await store.listOrganizations())
        for (const subscription of await store.listForOrganization(organization))
          channels.add(subscription.channelId);
      return [...channels];
    },
    async organizationModes() {
      const modes = new Map<string, OrgWatchMode>();
      for (const organization of await store.listOrganizations())
        modes.set(organization, await modeOf(organization));
      return modes;
    },
  };
}
