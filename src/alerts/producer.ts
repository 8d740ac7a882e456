import type { Workspace } from '../hcp/types.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';
import { HealthStore, type SubscriptionHealth } from './health.js';
import { createAlertKeys, subscriptionIdFor } from './keys.js';
import { throttledLog } from './log-throttle.js';
import { MuteStore } from './mutes.js';
import { createOrgAlertService, type OrgAlertService } from './org-service.js';
import { ParkedPosts } from './parked.js';
import {
  createPollQueue,
  createPostQueue,
  QueueSink,
  removePollScheduler,
  upsertPollScheduler,
} from './queue.js';
import { type Subscription, SubscriptionStore } from './subscriptions.js';
import type { SubscriptionFilters } from './types.js';
import { forgetLastWebhook, readLastWebhooks } from './webhook-arrivals.js';

/** What the Slack handlers need from the alert pipeline. */
export interface AlertService extends OrgAlertService {
  /** Stores the subscription and upserts its job scheduler; subscribing again updates filters (baseline kept). */
  subscribe(input: {
    channelId: string;
    workspace: Workspace;
    filters: SubscriptionFilters;
    userId: string;
  }): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes the scheduler and the subscription's state. */
  unsubscribe(channelId: string, workspaceId: string): Promise<boolean>;
  listSubscriptions(channelId: string): Promise<Subscription[]>;
  /** Poll and channel health of these subscriptions (health.ts). */
  subscriptionHealth(subscriptionIds: readonly string[]): Promise<Map<string, SubscriptionHealth>>;
  /** When each subscription's last HCP notification arrived; absent = never ("polling only"). */
  lastWebhooks(subscriptionIds: readonly string[]): Promise<Map<string, string>>;
  /** The bot was invited back to the channel: posts parked while it could not post there go out (once). */
  releaseParked(channelId: string): Promise<number>;
  /** Every channel that has at least one subscription (the doctor checks the bot is a member of each). */
  listSubscribedChannels(): Promise<string[]>;
  mute(channelId: string, actionId: string, seconds: number, userId: string): Promise<{ until: string }>;
  unmute(channelId: string, actionId: string): Promise<boolean>;
  listMutes(channelId: string): Promise<{ actionId: string; until: string }[]>;
  close(): Promise<void>;
}

/** The producer side, for the web process: fails fast when Redis is away so a command gets an answer. */
export function createAlertService(options: {
  redisUrl: string;
  prefix?: string;
  pollIntervalSeconds: number;
  logger: Logger;
}): AlertService {
  const keys = createAlertKeys(options.prefix);
  const logger = options.logger.child({ component: 'alerts' });
  const redis = createRedis(options, 'commands');
  redis.on('error', throttledLog(logger, 'alert service Redis connection error'));
  const store = new SubscriptionStore(redis, keys);
  const mutes = new MuteStore(redis, keys);
  const pollQueue = createPollQueue(options.redisUrl, keys, 'producer');
  pollQueue.on('error', throttledLog(logger, 'poll queue error'));
  const postQueue = createPostQueue(options.redisUrl, keys, 'producer');
  postQueue.on('error', throttledLog(logger, 'post queue error'));
  const health = new HealthStore(redis, keys);
  const parked = new ParkedPosts(redis, keys);

  const organizations = createOrgAlertService({
    redis,
    keys,
    pollQueue,
    pollIntervalSeconds: options.pollIntervalSeconds,
    logger,
  });

  return {
    ...organizations,
    async subscribe(input) {
      const result = await store.upsert({ ...input, now: new Date() });
      await upsertPollScheduler(pollQueue, result.subscription.id, options.pollIntervalSeconds);
      logger.info(
        { subscription: result.subscription.id, created: result.created, by: input.userId },
        result.created ? 'subscription created' : 'subscription filters updated',
      );
      return result;
    },
    async unsubscribe(channelId, workspaceId) {
      const removed = await store.remove(channelId, workspaceId);
      // Removed even when the record was already gone: no scheduler may outlive its subscription.
      await removePollScheduler(pollQueue, subscriptionIdFor(channelId, workspaceId));
      await forgetLastWebhook(redis, keys, subscriptionIdFor(channelId, workspaceId));
      if (removed) logger.info({ channel: channelId, workspace: workspaceId }, 'subscription removed');
      return removed;
    },
    listSubscriptions: (channelId) => store.listForChannel(channelId),
    subscriptionHealth: (ids) => health.read(ids),
    lastWebhooks: (ids) => readLastWebhooks(redis, keys, ids),
    async releaseParked(channelId) {
      const released = await parked.release(channelId, new QueueSink(postQueue));
      logger.info({ channel: channelId, released }, 'the bot is back in the channel; parked posts released');
      return released;
    },
    async listSubscribedChannels() {
      const all = await store.listAll();
      const scoped = await organizations.listOrganizationChannels();
      return [...new Set([...all.map((subscription) => subscription.channelId), ...scoped])].sort();
    },
    mute: (channelId, actionId, seconds, userId) => mutes.mute(channelId, actionId, seconds, userId),
    unmute: (channelId, actionId) => mutes.unmute(channelId, actionId),
    listMutes: (channelId) => mutes.list(channelId),
    async close() {
      await Promise.all([pollQueue.close(), postQueue.close()]).catch(() => undefined);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
