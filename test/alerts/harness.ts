import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { type AlertWorker, startAlertWorker } from '../../src/alerts/alert-worker.js';
import { type AlertKeys, createAlertKeys } from '../../src/alerts/keys.js';
import { type AlertService, createAlertService } from '../../src/alerts/producer.js';
import { AlertState } from '../../src/alerts/state.js';
import type { HcpApi } from '../../src/hcp/api.js';
import { createHcpClient } from '../../src/hcp/client.js';
import { createPacer } from '../../src/hcp/pacing.js';
import type { Workspace } from '../../src/hcp/types.js';
import { createCachedActionErrorFinder } from '../../src/run-errors/cache.js';
import { createActionErrorFinder, type FindActionError } from '../../src/run-errors/finder.js';
import { SlackAlertPresenter } from '../../src/slack/alert-presenter.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { ButtonCodec } from '../../src/slack/buttons/codec.js';
import { runPageUrl, simRunLogApi } from '../run-errors/support.js';
import type { HcpSimulator } from '../support/hcp-simulator/index.js';
import type { SlackStandin } from '../support/slack-standin/index.js';
import { quietLogger, testRedisUrl, uniquePrefix } from './helpers.js';

export function slackClient(standin: SlackStandin): WebClient {
  return new WebClient(standin.botToken, {
    slackApiUrl: standin.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: boltLogger(quietLogger()),
    timeout: 10_000,
  });
}

/** One worker's finder: its own instance, sharing the Redis cache and its single read with the others. */
function simCachedFinder(sim: HcpSimulator, redis: Redis, keys: AlertKeys): FindActionError {
  const find = createActionErrorFinder({
    api: simRunLogApi(sim),
    runPageUrl: (runId) => runPageUrl(sim, runId),
  });
  return createCachedActionErrorFinder({ redis, keys, find });
}

export function hcpClient(sim: HcpSimulator): HcpApi {
  return createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: createPacer({ ratePerSecond: 200, burst: 50 }),
    maxAttempts: 2,
  });
}

/** One isolated alert pipeline (own key prefix) over a shared simulator and stand-in. */
export interface Pipeline {
  prefix: string;
  keys: AlertKeys;
  redis: Redis;
  state: AlertState;
  service: AlertService;
  workers: AlertWorker[];
  addWorker(): Promise<AlertWorker>;
  waitForBaseline(subscriptionId: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPipeline(
  name: string,
  sim: HcpSimulator,
  standin: SlackStandin,
  options: {
    redisUrl?: string;
    workers?: number;
    pollIntervalSeconds?: number;
    /** Give each worker the cached error-text finder over the simulator's run logs (errors:auto). */
    errorText?: boolean;
  } = {},
): Promise<Pipeline> {
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const prefix = uniquePrefix(name);
  const keys = createAlertKeys(prefix);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const logger = quietLogger();
  const pollIntervalSeconds = options.pollIntervalSeconds ?? 1;
  const service = createAlertService({ redisUrl, prefix, pollIntervalSeconds, logger });
  const workers: AlertWorker[] = [];
  const addWorker = async () => {
    const worker = await startAlertWorker({
      redisUrl,
      prefix,
      hcp: hcpClient(sim),
      slack: slackClient(standin),
      presenter: new SlackAlertPresenter(new ButtonCodec('integration-test-key'), sim.address),
      logger,
      pollIntervalSeconds,
      concurrency: 4,
      ...(options.errorText ? { findActionError: simCachedFinder(sim, redis, keys) } : {}),
    });
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < (options.workers ?? 1); i++) await addWorker();
  const state = new AlertState(redis, keys);
  return {
    prefix,
    keys,
    redis,
    state,
    service,
    workers,
    addWorker,
    async waitForBaseline(subscriptionId, timeoutMs = 15_000) {
      await until(
        async () => (await state.subscription.getCursor(subscriptionId)) !== null,
        timeoutMs,
        'baseline',
      );
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await service.close();
      const stale = await redis.keys(`${keys.prefix}*`);
      for (let i = 0; i < stale.length; i += 500) await redis.del(...stale.slice(i, i + 500));
      await redis.quit();
    },
  };
}

export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function uniqueChannel(): string {
  return `C0${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
}

/** Subscribes the channel to the workspace (no filters) and waits for the first tick's baseline. */
export async function subscribeWithBaseline(
  pipeline: Pipeline,
  channelId: string,
  workspace: Workspace,
): Promise<string> {
  const { subscription } = await pipeline.service.subscribe({
    channelId,
    workspace,
    filters: {},
    userId: 'U0TEST',
  });
  await pipeline.waitForBaseline(subscription.id);
  return subscription.id;
}

/** The channel's messages that are not thread replies. */
export function topLevelMessages(standin: SlackStandin, channelId: string) {
  return standin.messages(channelId).filter((message) => message.threadTs === undefined);
}
