import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { type AlertService, createAlertService } from '../../src/alerts/producer.js';
import type { Workspace } from '../../src/hcp/types.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { NodeProcess } from '../support/node-process.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { sleep, uniqueChannel, until } from './harness.js';
import { quietLogger } from './helpers.js';

jest.setTimeout(60_000);

/** A spawned `src/worker.ts`, its output kept for assertions and for the failure message. */
class WorkerProcess {
  output = '';
  private constructor(readonly node: NodeProcess) {
    node.onOutput((text) => {
      this.output += text;
    });
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const node = new NodeProcess({
      entry: 'src/worker.ts',
      cwd: join(import.meta.dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    const worker = new WorkerProcess(node);
    running.push(worker);
    await until(
      () => worker.output.includes('"msg":"worker ready"') || !node.alive(),
      30_000,
      'worker ready',
    );
    if (!node.alive()) throw new Error(`worker exited at start:\n${worker.output}`);
    return worker;
  }

  get alive(): boolean {
    return this.node.alive();
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.node.kill(signal);
  }
}

const running: WorkerProcess[] = [];
let sim: HcpSimulator;
let standin: SlackStandin;
let redisServer: RedisServerHandle;
let dataDir: string;
let service: AlertService;
let redis: Redis;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tfa-proc-'));
  redisServer = await startRedisServer({ dataDir });
  sim = await startHcpSimulator({ token: 'process-token' });
  standin = await startSlackStandin();
  service = createAlertService({ redisUrl: redisServer.url, pollIntervalSeconds: 1, logger: quietLogger() });
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.kill('SIGKILL')));
  await service.close();
  redis.disconnect();
  await standin.close();
  await sim.close();
  await redisServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    REDIS_URL: redisServer.url,
    TFE_ADDRESS: sim.address,
    TFE_TOKEN: sim.token,
    SLACK_BOT_TOKEN: standin.botToken,
    SLACK_SIGNING_SECRET: 'process-test-signing-secret',
    SLACK_API_URL: standin.apiUrl,
    POLL_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'debug',
  };
}

function workspaceWithActions(count: number): { workspace: Workspace; actions: SimAction[] } {
  const ws = sim.addWorkspace({ name: 'payments', organization: 'acme' });
  const actions = Array.from({ length: count }, (_v, i) =>
    sim.addAction({ workspaceId: ws.id, address: `action.aws_lambda_invoke.p${i}`, provider: 'aws' }),
  );
  return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, actions };
}

function failRun(workspaceId: string, action: SimAction) {
  const run = sim.addRun({ workspaceId });
  sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
  return run;
}

async function subscribe(channelId: string, workspace: Workspace): Promise<string> {
  const { subscription } = await service.subscribe({ channelId, workspace, filters: {}, userId: 'U0TEST' });
  await until(async () => (await redis.exists(`tfa:cursor:${subscription.id}`)) === 1, 20_000, 'baseline');
  return subscription.id;
}

const topLevel = (channel: string) =>
  standin.messages(channel).filter((message) => message.threadTs === undefined);

function countMentions(channel: string, runId: string): number {
  return topLevel(channel).filter((message) => message.text.includes(runId)).length;
}

test('two worker processes on one Redis post each failure once', async () => {
  await Promise.all([WorkerProcess.start(env()), WorkerProcess.start(env())]);
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithActions(3);
  await subscribe(channel, workspace);
  const runs = actions.map((action) => failRun(workspace.id, action));
  await standin.waitForMessages(3, { channel, topLevelOnly: true }, 20_000);
  await sleep(4000);
  expect(topLevel(channel)).toHaveLength(3);
  for (const run of runs) expect(countMentions(channel, run.id)).toBe(1);
  expect(running.every((worker) => worker.alive)).toBe(true);
});

test('a worker killed in the middle of a post does not cause a second message', async () => {
  const first = await WorkerProcess.start(env());
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithActions(2);
  await subscribe(channel, workspace);
  standin.setLatency(2500, 'chat.postMessage');
  const run = failRun(workspace.id, actions[0] as SimAction);

  // The posting marker is written just before chat.postMessage goes out.
  await until(async () => (await redis.keys('tfa:posting:*')).length > 0, 20_000, 'post attempt');
  await sleep(300);
  await first.kill('SIGKILL');
  // Slack (the stand-in) still completes the post the dead worker sent; nothing recorded it.
  await standin.waitForMessages(1, { channel }, 10_000);
  const alertedKey = `tfa:alerted:${channel}:${(actions[0] as SimAction).id}:${run.id}`;
  expect(await redis.exists(alertedKey)).toBe(0);
  standin.setLatency(0, 'chat.postMessage');

  await WorkerProcess.start(env());
  // The restarted worker picks the stalled job up, takes its claim over, finds the post in the history.
  await until(async () => (await redis.exists(alertedKey)) === 1, 45_000, 'the alert record');
  const record = JSON.parse((await redis.get(alertedKey)) ?? '{}') as Record<string, unknown>;
  expect(record.recoveredFromHistory).toBe(true);
  expect(record.ts).toBe(topLevel(channel)[0]?.ts);
  const next = failRun(workspace.id, actions[1] as SimAction);
  await standin.waitForMessages(2, { channel, topLevelOnly: true }, 15_000);
  await sleep(1500);
  expect(countMentions(channel, run.id)).toBe(1);
  expect(countMentions(channel, next.id)).toBe(1);
  expect(topLevel(channel)).toHaveLength(2);
});

test('SIGTERM closes the worker and exits 0', async () => {
  const worker = await WorkerProcess.start(env());
  const exit = await worker.node.kill('SIGTERM');
  expect(exit.code).toBe(0);
  expect(worker.output).toContain('"msg":"worker stopping"');
});

test('polling resumes after Redis restarts, and nothing is lost or repeated', async () => {
  await WorkerProcess.start(env());
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithActions(3);
  await subscribe(channel, workspace);
  const before = failRun(workspace.id, actions[0] as SimAction);
  await standin.waitForMessages(1, { channel, topLevelOnly: true }, 15_000);

  const during = failRun(workspace.id, actions[1] as SimAction);
  await redisServer.restart();
  await standin.waitForMessages(2, { channel, topLevelOnly: true }, 30_000);
  const after = failRun(workspace.id, actions[2] as SimAction);
  await standin.waitForMessages(3, { channel, topLevelOnly: true }, 20_000);
  await sleep(3000);
  for (const run of [before, during, after]) expect(countMentions(channel, run.id)).toBe(1);
  expect(topLevel(channel)).toHaveLength(3);
});
