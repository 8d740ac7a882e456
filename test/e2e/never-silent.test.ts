import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { createAlertKeys, subscriptionIdFor } from '../../src/alerts/keys.js';
import { AlertState } from '../../src/alerts/state.js';
import { secretsOf } from '../../src/config.js';
import type { Workspace } from '../../src/hcp/types.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/ops/metrics.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../src/runtime/worker.js';
import { blocksText as textOf } from '../support/blocks-text.js';
import type { SimAction } from '../support/hcp-simulator/index.js';
import { MemoryLog } from '../support/memory-log.js';
import type { PostedMessage } from '../support/slack-standin/index.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

jest.setTimeout(90_000);

let h: WebHarness;
let worker: WorkerRuntime;
let metrics: Metrics;
let redis: Redis;
let state: AlertState;

beforeAll(async () => {
  h = await startWebHarness({ POLL_INTERVAL_SECONDS: '1' });
  metrics = new Metrics({ defaultMetrics: false });
  const logger = createLogger({ level: 'debug', secrets: secretsOf(h.config), destination: new MemoryLog() });
  worker = await startWorkerRuntime(h.config, logger, { metrics });
  redis = new Redis(h.config.redisUrl, { maxRetriesPerRequest: null });
  state = new AlertState(redis, createAlertKeys(h.config.redisKeyPrefix));
});

afterAll(async () => {
  await worker.close();
  await h.close();
  await redis.quit();
});

afterEach(() => {
  h.sim.clearFaults();
});

function newWorkspace(): { workspace: Workspace; action: SimAction } {
  const ws = h.sim.addWorkspace({
    name: `ns-${Math.random().toString(36).slice(2, 8)}`,
    organization: 'acme',
  });
  const action = h.sim.addAction({
    workspaceId: ws.id,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, action };
}

function failRun(workspaceId: string, action: SimAction): string {
  const run = h.sim.addRun({ workspaceId });
  h.sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
  return run.id;
}

async function answer(text: string, channelId: string): Promise<string> {
  const sent = await h.command(text, { channelId });
  expect(sent.status).toBe(200);
  const [response] = await h.slack.waitForResponses(1, sent.responseUrl);
  return textOf(response?.blocks ?? []);
}

async function subscribedAndWatching(channelId: string, workspace: Workspace): Promise<string> {
  expect(await answer(`subscribe acme/${workspace.name}`, channelId)).toMatch(/now gets an alert/);
  const id = subscriptionIdFor(channelId, workspace.id);
  await waitUntil(async () => (await state.subscription.getCursor(id)) !== null, 'baseline');
  return id;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const topLevel = (channel: string, pattern: RegExp): PostedMessage[] =>
  h.slack.messages(channel).filter((message) => message.threadTs === undefined && pattern.test(message.text));
const NOT_WORKING = /are not working/;
const RESUMED = /work again/;

async function workerGet(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${worker.port}${path}`);
  return { status: res.status, body: await res.text() };
}

async function failingGauge(): Promise<number> {
  const { body } = await workerGet('/metrics');
  const line = body.split('\n').find((row) => row.startsWith('tfactions_subscriptions_failing '));
  return Number(line?.split(' ')[1]);
}

describe.each([
  { status: 401, words: /401.*TFE_TOKEN/s, not: /Read runs/ },
  { status: 403, words: /403.*team.*Read runs/s, not: /TFE_TOKEN/ },
])('HCP Terraform answering $status', ({ status, words, not }) => {
  test('one notice, one "resumed" message, and the alerts missed meanwhile delivered once', async () => {
    const channel = `C0NS${status}`;
    const { workspace, action } = newWorkspace();
    const id = await subscribedAndWatching(channel, workspace);

    h.sim.injectFault({ status, times: Number.POSITIVE_INFINITY });
    const missed = [failRun(workspace.id, action), failRun(workspace.id, action)];
    await h.slack.waitForMessages(
      1,
      (message) => message.channel === channel && NOT_WORKING.test(message.text),
      30_000,
    );
    const [notice] = topLevel(channel, NOT_WORKING);
    const noticeText = `${notice?.text} ${textOf(notice?.blocks ?? [])}`;
    expect(noticeText).toMatch(words);
    expect(noticeText).not.toMatch(not);

    const listed = await answer('subscriptions', channel);
    expect(listed).toMatch(/Alerts not working since/);
    expect(listed).toMatch(/Last successful poll/);
    const health = await workerGet('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      ok: true,
      failingSubscriptions: [
        expect.objectContaining({ subscription: id, error: status === 401 ? 'unauthorized' : 'forbidden' }),
      ],
    });
    expect(await failingGauge()).toBe(1);

    await sleep(3000); // more failed ticks: still one notice
    expect(topLevel(channel, NOT_WORKING)).toHaveLength(1);
    expect(h.slack.messages(channel)).toHaveLength(1);

    h.sim.clearFaults(); // the token is fixed
    await h.slack.waitForMessages(
      1,
      (message) => message.channel === channel && RESUMED.test(message.text),
      30_000,
    );
    await waitUntil(
      async () =>
        missed.every((run) => h.slack.messages(channel).some((message) => message.text.includes(run))),
      'the missed alerts',
    );
    await sleep(3000);
    expect(topLevel(channel, NOT_WORKING)).toHaveLength(1);
    expect(topLevel(channel, RESUMED)).toHaveLength(1);
    expect(topLevel(channel, RESUMED)[0]?.text).toMatch(/Nothing was missed/);
    for (const run of missed) expect(topLevel(channel, new RegExp(run))).toHaveLength(1);
    expect(h.slack.messages(channel)).toHaveLength(4);
    expect(JSON.parse((await workerGet('/healthz')).body).failingSubscriptions).toEqual([]);
    expect(await failingGauge()).toBe(0);
    expect(await answer('subscriptions', channel)).not.toMatch(/not working/);

    await answer(`unsubscribe acme/${workspace.name}`, channel);
  });
});

describe('the channel must be reachable', () => {
  test('subscribe refuses a private channel the bot is not in, a DM and an archived channel, storing nothing', async () => {
    const { workspace } = newWorkspace();
    h.slack.setMember('G0SECRETNS', false);
    h.slack.setArchived('C0ARCHIVEDNS', true);
    for (const channel of ['G0SECRETNS', 'D0DIRECTNS', 'C0ARCHIVEDNS']) {
      const text = await answer(`subscribe acme/${workspace.name}`, channel);
      expect(text).toMatch(/nothing was subscribed/i);
      if (channel !== 'D0DIRECTNS' && channel !== 'C0ARCHIVEDNS')
        expect(text).toContain('/invite @tfactions');
      expect(
        await redis.exists(`${h.config.redisKeyPrefix}sub:${subscriptionIdFor(channel, workspace.id)}`),
      ).toBe(0);
      expect(await answer('subscriptions', channel)).toMatch(/no subscriptions/);
    }
    expect(await answer(`subscribe acme/${workspace.name}`, 'D0DIRECTNS')).toMatch(/direct message/);
    expect(await answer(`subscribe acme/${workspace.name}`, 'C0ARCHIVEDNS')).toMatch(/archived/);
  });

  test('an alert refused with not_in_channel is kept, shown, and delivered once after the bot joins', async () => {
    const channel = 'C0KICKEDNS';
    const { workspace, action } = newWorkspace();
    const id = await subscribedAndWatching(channel, workspace);
    h.slack.setMember(channel, false); // the bot is removed
    const run = failRun(workspace.id, action);
    await waitUntil(
      async () =>
        h.slack.calls.some((call) => call.method === 'chat.postMessage' && call.args.channel === channel),
      'the refused post',
    );
    await waitUntil(async () => (await failingGauge()) === 1, 'the failing gauge', 20_000);
    expect(await answer('subscriptions', channel)).toMatch(/cannot post here.*not_in_channel/s);
    expect(JSON.parse((await workerGet('/healthz')).body).failingSubscriptions).toEqual([
      expect.objectContaining({ subscription: id, channelError: 'not_in_channel' }),
    ]);

    // Someone else joining changes nothing; the bot joining releases the alert.
    expect((await h.memberJoined({ channelId: channel, userId: 'U0SOMEONE' })).status).toBe(200);
    await sleep(1500);
    expect(h.slack.messages(channel)).toHaveLength(0);
    h.slack.setMember(channel, true);
    expect((await h.memberJoined({ channelId: channel, userId: h.slack.botUserId })).status).toBe(200);
    await h.slack.waitForMessages(1, { channel }, 20_000);
    // Slack may deliver the event again: still one alert.
    await h.memberJoined({ channelId: channel, userId: h.slack.botUserId });
    await sleep(3000);
    expect(h.slack.messages(channel).map((message) => message.text)).toEqual([expect.stringContaining(run)]);
    expect(await answer('subscriptions', channel)).not.toMatch(/cannot post here/);
    await waitUntil(async () => (await failingGauge()) === 0, 'the gauge back at 0', 20_000);
  });

  test('an alert refused because the channel was archived is delivered once it is unarchived', async () => {
    const channel = 'C0UNARCHNS';
    const { workspace, action } = newWorkspace();
    await subscribedAndWatching(channel, workspace);
    h.slack.setArchived(channel, true);
    const run = failRun(workspace.id, action);
    await waitUntil(
      async () => (await answer('subscriptions', channel)).includes('is_archived'),
      'the archived channel in the health',
    );
    h.slack.setArchived(channel, false);
    expect((await h.event({ type: 'channel_unarchive', channel, user: 'U0ALICE' })).status).toBe(200);
    await h.slack.waitForMessages(1, { channel }, 20_000);
    await sleep(2000);
    expect(h.slack.messages(channel).map((message) => message.text)).toEqual([expect.stringContaining(run)]);
  });
});
