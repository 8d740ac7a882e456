import type { WebClient } from '@slack/web-api';
import { type Job, Worker } from 'bullmq';
import type { HcpApi } from '../hcp/api.js';
import { RateLimitedError } from '../hcp/errors.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';
import type { FindActionError } from '../run-errors/finder.js';
import { ChannelPacing } from './channel-pacing.js';
import type { DeliveryDeps } from './delivery-types.js';
import { HealthStore } from './health.js';
import { type AlertKeys, createAlertKeys, jobIds, POLL_QUEUE } from './keys.js';
import { throttledLog } from './log-throttle.js';
import { type AlertMetrics, noopAlertMetrics } from './metrics.js';
import { MuteStore } from './mutes.js';
import { runOrganizationJob } from './org-job.js';
import { organizationJobKey } from './org-keys.js';
import type { OrgPollDeps } from './org-poll.js';
import { OrgSubscriptionStore } from './org-subscriptions.js';
import { pollSubscription } from './poller.js';
import { type AlertPresenter, MAX_ALERTS_PER_MESSAGE } from './presenter.js';
import {
  bullConnection,
  createPollQueue,
  createPostQueue,
  type PollJobData,
  QueueSink,
  removePollScheduler,
  startPostWorker,
  upsertPollScheduler,
} from './queue.js';
import { SlackPoster } from './slack-poster.js';
import { AlertState } from './state.js';
import { SubscriptionStore } from './subscriptions.js';
import { createWebhookFollowUp, type WebhookFollowUp } from './webhook-follow-up.js';

export interface AlertWorker {
  close(): Promise<void>;
}

export interface AlertWorkerDeps {
  redisUrl: string;
  prefix?: string;
  hcp: HcpApi;
  slack: WebClient;
  /** Draws every alert message (src/slack implements it). */
  presenter: AlertPresenter;
  logger: Logger;
  pollIntervalSeconds: number;
  metrics?: AlertMetrics;
  concurrency?: number;
  /** The cached error-text finder, for subscriptions with errors:auto; absent: none is posted unasked. */
  findActionError?: FindActionError;
}

const DEFAULT_CONCURRENCY = 4;
const RATE_LIMIT_FALLBACK_MS = 10_000;
const QUEUE_DEPTH_EVERY_MS = 15_000;
/**
 * The poll lock is short and renewed while the poll runs: a big workspace keeps it as long as it needs, and a
 * poller that dies (kill -9, OOM) holds its subscription back for this long at most, not for minutes.
 */
export const POLL_LOCK_TTL_MS = 10_000;
const POLL_LOCK_RENEW_EVERY_MS = 3_000;

/**
 * The worker side of alerts: polls subscriptions on their schedulers and posts what the polls found.
 * Several of these may run against one Redis (replicas); locks, claims and job IDs keep them from
 * doing anything twice.
 */
export async function startAlertWorker(deps: AlertWorkerDeps): Promise<AlertWorker> {
  const keys = createAlertKeys(deps.prefix);
  const logger = deps.logger.child({ component: 'alerts' });
  const metrics = deps.metrics ?? noopAlertMetrics;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const redis = createRedis(deps, 'blocking');
  redis.on('error', throttledLog(logger, 'alert state Redis connection error'));
  const state = new AlertState(redis, keys);
  const store = new SubscriptionStore(redis, keys);
  const mutes = new MuteStore(redis, keys);
  const pollQueue = createPollQueue(deps.redisUrl, keys, 'worker');
  const postQueue = createPostQueue(deps.redisUrl, keys, 'worker');
  pollQueue.on('error', throttledLog(logger, 'poll queue error'));
  postQueue.on('error', throttledLog(logger, 'post queue error'));

  const sink = new QueueSink(postQueue);
  const orgStore = new OrgSubscriptionStore(redis, keys);
  const pollerDeps: OrgPollDeps = {
    hcp: deps.hcp,
    state,
    mutes,
    sink,
    logger,
    maxBurstItems: MAX_ALERTS_PER_MESSAGE,
    metrics,
    orgStore,
  };
  const delivery: DeliveryDeps = {
    state,
    mutes,
    poster: new SlackPoster(deps.slack),
    pacing: new ChannelPacing(redis, keys),
    presenter: deps.presenter,
    logger,
    metrics,
    releaseSink: sink,
    ...(deps.findActionError ? { errorText: { find: deps.findActionError, hcp: deps.hcp, sink } } : {}),
  };

  const pollWorker = startPollWorker({
    redisUrl: deps.redisUrl,
    keys,
    concurrency,
    store,
    state,
    pollerDeps,
    logger,
    followUp: createWebhookFollowUp({ redis, keys, pollQueue }),
  });
  const postWorker = startPostWorker({ redisUrl: deps.redisUrl, keys, concurrency, delivery, logger });

  await Promise.all([pollWorker.waitUntilReady(), postWorker.waitUntilReady()]);
  await reconcileSchedulers(store, pollQueue, deps.pollIntervalSeconds, logger);
  await reconcileOrganizationSchedulers(orgStore, pollQueue, deps.pollIntervalSeconds);

  const health = new HealthStore(redis, keys);
  const sample = () => {
    void sampleDepth(pollQueue, postQueue, metrics).catch(() => undefined);
    // Every replica reports the shared count, so the gauge is right whichever replica is scraped.
    health.countFailing().then(
      (count) => metrics.failingSubscriptions(count),
      () => undefined,
    );
  };
  sample();
  const depthTimer = setInterval(sample, QUEUE_DEPTH_EVERY_MS);
  depthTimer.unref();

  let closing: Promise<void> | null = null;
  return {
    close() {
      closing ??= (async () => {
        clearInterval(depthTimer);
        await Promise.allSettled([pollWorker.close(), postWorker.close()]);
        await Promise.allSettled([pollQueue.close(), postQueue.close()]);
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}

function startPollWorker(options: {
  redisUrl: string;
  keys: AlertKeys;
  concurrency: number;
  store: SubscriptionStore;
  state: AlertState;
  pollerDeps: OrgPollDeps;
  logger: Logger;
  followUp: WebhookFollowUp;
}): Worker<PollJobData> {
  const { store, state, logger } = options;
  const worker: Worker<PollJobData> = new Worker<PollJobData>(
    POLL_QUEUE,
    async (job: Job<PollJobData>) => {
      const { subscriptionId, organization } = job.data;
      if (organization !== undefined) {
        try {
          return await runOrganizationJob(
            organization,
            options.pollerDeps,
            {
              ttlMs: POLL_LOCK_TTL_MS,
              renewEveryMs: POLL_LOCK_RENEW_EVERY_MS,
            },
            options.followUp,
          );
        } catch (error) {
          if (error instanceof RateLimitedError)
            await pauseForRateLimit(worker, error, logger, subscriptionId);
          throw error;
        }
      }
      const subscription = await store.get(subscriptionId);
      if (!subscription) {
        options.pollerDeps.metrics?.pollCompleted('no_subscription');
        return 'no_subscription';
      }
      const lock = await state.subscription.acquirePollLock(subscriptionId, POLL_LOCK_TTL_MS);
      if (!lock) {
        options.pollerDeps.metrics?.pollCompleted('skipped_locked');
        return 'skipped_locked';
      }
      await options.followUp.takeMark(subscriptionId);
      // If a renewal fails (Redis away) the lock may lapse: a second poller then only repeats idempotent work.
      const renewal = setInterval(() => {
        void state.subscription.renewPollLock(subscriptionId, lock, POLL_LOCK_TTL_MS).catch(() => undefined);
      }, POLL_LOCK_RENEW_EVERY_MS);
      try {
        const result = await pollSubscription(subscription, options.pollerDeps);
        return result.outcome;
      } catch (error) {
        if (error instanceof RateLimitedError) await pauseForRateLimit(worker, error, logger, subscriptionId);
        logger.warn(
          { subscription: subscriptionId, err: error instanceof Error ? error.message : String(error) },
          'poll failed; the next tick retries',
        );
        throw error;
      } finally {
        clearInterval(renewal);
        await state.subscription.releasePollLock(subscriptionId, lock).catch(() => undefined);
        await options.followUp
          .followUpIfRung(subscriptionId, lock)
          .catch((error: unknown) =>
            logger.warn(
              { subscription: subscriptionId, err: error instanceof Error ? error.message : String(error) },
              'a webhook arrived during the poll but its follow-up poll could not be enqueued; the next tick covers it',
            ),
          );
      }
    },
    {
      connection: bullConnection(options.redisUrl, 'worker'),
      prefix: options.keys.bullPrefix,
      concurrency: options.concurrency,
    },
  );
  worker.on('error', throttledLog(logger, 'poll worker error'));
  return worker;
}

async function pauseForRateLimit(
  worker: Worker<PollJobData>,
  error: RateLimitedError,
  logger: Logger,
  subscriptionId: string,
): Promise<never> {
  const waitMs = (error.retryAfterSeconds ?? 0) * 1000 || RATE_LIMIT_FALLBACK_MS;
  logger.warn({ subscription: subscriptionId, waitMs }, 'HCP Terraform rate limit; pausing polls');
  await worker.rateLimit(waitMs);
  throw Worker.RateLimitError();
}

/** One scheduler per organization with subscriptions; one without any loses its scheduler. */
async function reconcileOrganizationSchedulers(
  orgStore: OrgSubscriptionStore,
  pollQueue: ReturnType<typeof createPollQueue>,
  pollIntervalSeconds: number,
): Promise<void> {
  for (const organization of await orgStore.listOrganizations())
    await upsertPollScheduler(pollQueue, organizationJobKey(organization), pollIntervalSeconds, organization);
}

/**
 * Every stored subscription gets its scheduler (a changed POLL_INTERVAL_SECONDS applies, a lost scheduler
 * returns). Checking the subscription after the upsert keeps an unsubscribe that ran meanwhile effective.
 */
async function reconcileSchedulers(
  store: SubscriptionStore,
  pollQueue: ReturnType<typeof createPollQueue>,
  pollIntervalSeconds: number,
  logger: Logger,
): Promise<void> {
  const subscriptions = await store.listAll();
  for (const subscription of subscriptions) {
    const existing = await pollQueue.getJobScheduler(jobIds.pollScheduler(subscription.id));
    if (existing?.every === pollIntervalSeconds * 1000) continue;
    await upsertPollScheduler(pollQueue, subscription.id, pollIntervalSeconds);
    if (!(await store.get(subscription.id))) await removePollScheduler(pollQueue, subscription.id);
  }
  logger.debug({ subscriptions: subscriptions.length }, 'poll schedulers reconciled');
}

async function sampleDepth(
  pollQueue: ReturnType<typeof createPollQueue>,
  postQueue: ReturnType<typeof createPostQueue>,
  metrics: AlertMetrics,
): Promise<void> {
  const states = ['wait', 'delayed', 'active', 'prioritized'] as const;
  const [poll, post] = await Promise.all([
    pollQueue.getJobCounts(...states),
    postQueue.getJobCounts(...states),
  ]);
  const total = (counts: Record<string, number>) =>
    Object.values(counts).reduce((sum, value) => sum + value, 0);
  metrics.queueDepth('poll', total(poll));
  metrics.queueDepth('post', total(post));
}
