import { Redis } from 'ioredis';
import { createAlertKeys } from '../src/alerts/keys.js';
import { type AlertService, createAlertService } from '../src/alerts/producer.js';
import { AlertState } from '../src/alerts/state.js';
import { type Subscription, SubscriptionStore } from '../src/alerts/subscriptions.js';
import type { Workspace } from '../src/hcp/types.js';
import type { HcpSimulator } from '../test/support/hcp-simulator/index.js';
import { freePort } from '../test/support/redis-server.js';
import type { RunningChild } from './children.js';
import { benchLogger, ignoreRedisError, processEnv, until } from './harness.js';
import type { BenchContext } from './types.js';

/**
 * A real worker process plus, in the bench process, the same alert service the web process uses (default
 * prefix `tfa:`) to subscribe, and direct access to the stored state.
 */
export interface WorkerSetup {
  /** Starts the worker process (at most once per setup) and waits until /healthz answers. */
  startWorker(): Promise<RunningChild>;
  service: AlertService;
  state: AlertState;
  store: SubscriptionStore;
  redis: Redis;
  /** Subscribes and waits for the worker's baseline tick (the cursor appears). */
  subscribeAndBaseline(channelId: string, workspace: Workspace, timeoutMs: number): Promise<Subscription>;
  /** Stores the subscription with a cursor already set, then starts its scheduler: no baseline tick. */
  subscribeFrom(channelId: string, workspace: Workspace, cursorMs: number): Promise<Subscription>;
  /** Stops the worker (graceful) and closes the bench's own connections. */
  close(): Promise<void>;
}

export async function startWorkerSetup(
  context: BenchContext,
  sim: HcpSimulator,
  options: { pollIntervalSeconds: number; redisUrl?: string; compiledIn?: string },
): Promise<WorkerSetup> {
  const redisUrl = options.redisUrl ?? context.redis.url;
  const keys = createAlertKeys();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', ignoreRedisError);
  const service = createAlertService({
    redisUrl,
    pollIntervalSeconds: options.pollIntervalSeconds,
    logger: benchLogger(),
  });
  const state = new AlertState(redis, keys);
  const store = new SubscriptionStore(redis, keys);
  let worker: RunningChild | undefined;
  const subscribe = async (channelId: string, workspace: Workspace) =>
    (await service.subscribe({ channelId, workspace, filters: {}, userId: 'UBENCH' })).subscription;
  return {
    service,
    state,
    store,
    redis,
    async startWorker() {
      const port = await freePort();
      worker = await context.children.start({
        name: 'worker',
        entry: options.compiledIn ? 'dist/worker.js' : 'src/worker.ts',
        ...(options.compiledIn ? { compiledIn: options.compiledIn } : {}),
        env: processEnv(context, sim, { port, pollIntervalSeconds: options.pollIntervalSeconds, redisUrl }),
        port,
      });
      return worker;
    },
    async subscribeAndBaseline(channelId, workspace, timeoutMs) {
      const subscription = await subscribe(channelId, workspace);
      const ready = await until(
        async () => (await state.subscription.getCursor(subscription.id)) !== null,
        timeoutMs,
        100,
      );
      if (!ready) throw new Error(`no baseline for ${subscription.id} within ${timeoutMs} ms`);
      return subscription;
    },
    async subscribeFrom(channelId, workspace, cursorMs) {
      const { subscription } = await store.upsert({
        channelId,
        workspace,
        filters: {},
        userId: 'UBENCH',
        now: new Date(),
      });
      await state.subscription.advanceCursor(subscription.id, cursorMs);
      return subscribe(channelId, workspace);
    },
    async close() {
      await worker?.stop();
      await service.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
