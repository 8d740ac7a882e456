import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import fetch from 'node-fetch';
import { createAlertKeys } from '../../../src/alerts/keys.js';
import { type AlertService, createAlertService } from '../../../src/alerts/producer.js';
import { createPostQueue } from '../../../src/alerts/queue.js';
import { createLogger } from '../../../src/logger.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../../support/hcp-simulator/index.js';
import { freePort, type RedisServerHandle, startRedisServer } from '../../support/redis-server.js';
import { type SlackStandin, startSlackStandin } from '../../support/slack-standin/index.js';
import { keyOf } from './alert-tally.js';
import { type Entry, SpawnedProcess } from './spawned.js';
import { waitUntil } from './waiting.js';

/** The tokens every fault test runs with; distinctive, so a leak is easy to find. */
export const SECRETS = {
  slackBotToken: 'xoxb-test_fault_suite_bot_token',
  slackSigningSecret: 'fault-suite-signing-secret-5d1c8e',
  /** Deliberately not shaped like an HCP token: only exact-value redaction can hide it. */
  tfeToken: 'fault-suite-tfe-token-Zq8XK2m4LrT9',
} as const;

export interface WorldOptions {
  /** Redis with an append-only file, so restart() keeps the data. */
  persistent?: boolean;
}

export interface WorkspaceFixture {
  workspace: { id: string; name: string; organization: string };
  actions: SimAction[];
}

/**
 * Everything outside the processes under test: a private redis-server (the processes use the default `tfa:`
 * prefix, so they cannot share the suite's Redis), the HCP simulator, the Slack stand-in, and the producer
 * side of the alert service for subscribing.
 */
export interface FaultWorld {
  redisServer: RedisServerHandle;
  sim: HcpSimulator;
  slack: SlackStandin;
  service: AlertService;
  redis: Redis;
  /** The environment of a worker or web process; slackApiUrl overrides the stand-in (a fault proxy). */
  env(options: { port: number; slackApiUrl?: string }): Record<string, string>;
  addWorkspace(name: string, actionCount: number): WorkspaceFixture;
  /** A new run of the action whose only invocation failed; returns the run's ID. */
  failRun(workspaceId: string, action: SimAction): string;
  /** failRun, returning the alert key the channel should get for it. */
  fail(channelId: string, workspaceId: string, action: SimAction): string;
  /** Subscribes the channel and waits for the worker's baseline (the cursor). */
  subscribe(channelId: string, workspace: WorkspaceFixture['workspace']): Promise<string>;
  /**
   * Stops Redis, runs `during` (probes of the outage) while it is down, and starts it again on the same port
   * and append-only file (persistent worlds only).
   */
  redisOutage(during: () => Promise<void>): Promise<void>;
  /** No post job waiting, delayed or running, and no claim or posting marker left: delivery has settled. */
  settled(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions = {}): Promise<FaultWorld> {
  const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'tfa-faults-')) : undefined;
  let redisServer = await startRedisServer(dataDir ? { dataDir } : {});
  const sim = await startHcpSimulator({ token: SECRETS.tfeToken });
  const slack = await startSlackStandin({ botToken: SECRETS.slackBotToken });
  const logger = createLogger({ level: 'error', destination: { write: () => true } });
  const service = createAlertService({ redisUrl: redisServer.url, pollIntervalSeconds: 1, logger });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const keys = createAlertKeys();
  const postQueue = createPostQueue(redisServer.url, keys, 'worker');
  postQueue.on('error', () => undefined);
  const failRun = (workspaceId: string, action: SimAction): string => {
    const run = sim.addRun({ workspaceId });
    sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
    return run.id;
  };

  return {
    get redisServer() {
      return redisServer;
    },
    sim,
    slack,
    service,
    redis,
    env: ({ port, slackApiUrl }) => ({
      REDIS_URL: redisServer.url,
      TFE_ADDRESS: sim.address,
      TFE_TOKEN: SECRETS.tfeToken,
      SLACK_BOT_TOKEN: SECRETS.slackBotToken,
      SLACK_SIGNING_SECRET: SECRETS.slackSigningSecret,
      SLACK_API_URL: slackApiUrl ?? slack.apiUrl,
      POLL_INTERVAL_SECONDS: '1',
      LOG_LEVEL: 'debug',
      // One process per port here, whichever kind: the web reads PORT, the worker WORKER_PORT.
      PORT: String(port),
      WORKER_PORT: String(port),
    }),
    addWorkspace(name, actionCount) {
      const ws = sim.addWorkspace({ name, organization: 'acme' });
      const actions = Array.from({ length: actionCount }, (_unused, index) =>
        sim.addAction({ workspaceId: ws.id, address: `action.aws_lambda_invoke.${name}_${index}` }),
      );
      return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, actions };
    },
    failRun,
    fail: (channelId, workspaceId, action) => keyOf(channelId, action.id, failRun(workspaceId, action)),
    async subscribe(channelId, workspace) {
      const { subscription } = await service.subscribe({
        channelId,
        workspace,
        filters: {},
        userId: 'U0FAULTS',
      });
      await waitUntil(
        async () => (await redis.exists(keys.cursor(subscription.id))) === 1,
        30_000,
        `the baseline of ${subscription.id}`,
      );
      return subscription.id;
    },
    async redisOutage(during) {
      if (!dataDir) throw new Error('a Redis outage needs a persistent world');
      const port = redisServer.port;
      await redisServer.stop();
      await during();
      redisServer = await startRedisServer({ dataDir, port });
    },
    async settled() {
      const counts = await postQueue.getJobCounts(
        'wait',
        'delayed',
        'active',
        'prioritized',
        'waiting-children',
      );
      if (Object.values(counts).some((count) => count > 0)) return false;
      const [claims, markers] = await Promise.all([
        redis.keys(`${keys.prefix}claim:*`),
        redis.keys(`${keys.prefix}posting:*`),
      ]);
      return claims.length === 0 && markers.length === 0;
    },
    async close() {
      await postQueue.close().catch(() => undefined);
      await service.close();
      redis.disconnect();
      await slack.close();
      await sim.close();
      await redisServer.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Spawns a worker or web process of this world on a free port (its /healthz), at LOG_LEVEL=debug. */
export async function startProcess(
  world: FaultWorld,
  entry: Entry,
  options: { slackApiUrl?: string; env?: Record<string, string> } = {},
): Promise<SpawnedProcess> {
  const port = await freePort();
  const base = world.env(options.slackApiUrl ? { port, slackApiUrl: options.slackApiUrl } : { port });
  return SpawnedProcess.start(entry, { ...base, ...options.env });
}

/** GET /healthz of a process; 0 when nothing answers. */
export async function healthStatus(port: number): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
