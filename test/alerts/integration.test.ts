import { jest } from '@jest/globals';
import { jobIds } from '../../src/alerts/keys.js';
import { createPollQueue } from '../../src/alerts/queue.js';
import type { Workspace } from '../../src/hcp/types.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import {
  type Pipeline,
  sleep,
  startPipeline,
  subscribeWithBaseline,
  topLevelMessages,
  uniqueChannel,
  until,
} from './harness.js';
import { testRedisUrl } from './helpers.js';

jest.setTimeout(60_000);

let sim: HcpSimulator;
let standin: SlackStandin;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'integration-token' });
  standin = await startSlackStandin();
});

afterAll(async () => {
  await standin.close();
  await sim.close();
});

afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
  standin.clearFaults();
  standin.setLatency(0);
});

function workspaceWithAction(actions = 1): { workspace: Workspace; actions: SimAction[] } {
  const ws = sim.addWorkspace({ name: `ws-${Math.random().toString(36).slice(2, 8)}`, organization: 'acme' });
  const created = Array.from({ length: actions }, (_v, i) =>
    sim.addAction({ workspaceId: ws.id, address: `action.aws_lambda_invoke.a${i}`, provider: 'aws' }),
  );
  return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, actions: created };
}

function failRun(workspaceId: string, actions: SimAction[]) {
  const run = sim.addRun({ workspaceId });
  for (const action of actions)
    sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
  return run;
}

async function subscribed(channelId: string, workspace: Workspace, name: string): Promise<Pipeline> {
  pipeline = await startPipeline(name, sim, standin);
  await subscribeWithBaseline(pipeline, channelId, workspace);
  return pipeline;
}

const topLevel = (channel: string) => topLevelMessages(standin, channel);

test('a new failure becomes exactly one Slack message', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction();
  failRun(workspace.id, actions); // history: never posted
  await subscribed(channel, workspace, 'int-one');
  const run = failRun(workspace.id, actions);
  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(4000); // several more ticks re-read the same run inside the settle window
  const messages = topLevel(channel);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.text).toContain(run.id);
  expect(messages[0]?.text).toContain(`acme/${workspace.name}`);
});

test('Slack answering 429 and then ok still gives one message', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction();
  await subscribed(channel, workspace, 'int-429');
  standin.injectFault({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1, times: 2 });
  failRun(workspace.id, actions);
  await standin.waitForMessages(1, { channel }, 20_000);
  await sleep(2500);
  expect(topLevel(channel)).toHaveLength(1);
  const attempts = standin.calls.filter(
    (call) => call.method === 'chat.postMessage' && call.args.channel === channel,
  );
  expect(attempts.map((call) => call.ok)).toEqual([false, false, true]);
});

test('a mute suppresses alerts of the action until it expires', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction(2);
  const [muted, other] = actions as [SimAction, SimAction];
  const p = await subscribed(channel, workspace, 'int-mute');
  const { until: mutedUntil } = await p.service.mute(channel, muted.id, 2, 'U0TEST');
  expect(await p.service.listMutes(channel)).toEqual([{ actionId: muted.id, until: mutedUntil }]);
  const silenced = failRun(workspace.id, [muted]);
  const heard = failRun(workspace.id, [other]);
  await standin.waitForMessages(1, { channel }, 15_000);
  await until(() => Date.now() > Date.parse(mutedUntil) + 200, 5000, 'mute expiry');
  expect(await p.service.listMutes(channel)).toEqual([]);
  const after = failRun(workspace.id, [muted]);
  await standin.waitForMessages(2, { channel }, 15_000);
  await sleep(2000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(2);
  expect(texts.some((text) => text.includes(heard.id))).toBe(true);
  expect(texts.some((text) => text.includes(after.id))).toBe(true);
  expect(texts.some((text) => text.includes(silenced.id))).toBe(false);
});

test('after unsubscribe no alert is posted and the scheduler is gone', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction();
  const p = await subscribed(channel, workspace, 'int-unsub');
  expect(await p.service.listSubscriptions(channel)).toHaveLength(1);
  const probe = createPollQueue(testRedisUrl(), p.keys, 'producer');
  try {
    expect(await probe.getJobScheduler(jobIds.pollScheduler(`${channel}-${workspace.id}`))).toEqual(
      expect.objectContaining({ every: 1000 }),
    );
  } finally {
    await probe.close();
  }
  expect(await p.service.unsubscribe(channel, workspace.id)).toBe(true);
  expect(await p.service.unsubscribe(channel, workspace.id)).toBe(false);
  expect(await p.service.listSubscriptions(channel)).toEqual([]);
  expect(await p.redis.exists(p.keys.cursor(`${channel}-${workspace.id}`))).toBe(0);
  const queue = createPollQueue(testRedisUrl(), p.keys, 'producer');
  try {
    expect(await queue.getJobScheduler(jobIds.pollScheduler(`${channel}-${workspace.id}`))).toBeUndefined();
    expect(await queue.getJobSchedulersCount()).toBe(0);
  } finally {
    await queue.close();
  }
  failRun(workspace.id, actions);
  await sleep(4000);
  expect(standin.messages(channel)).toEqual([]);
});

test('30 failures in one run become one grouped message', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction(30);
  await subscribed(channel, workspace, 'int-burst');
  const run = failRun(workspace.id, actions);
  await standin.waitForMessages(1, { channel }, 20_000);
  await sleep(3000);
  const messages = topLevel(channel);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.text).toMatch(/^30 Terraform action failures/);
  const keys = String(messages[0]?.metadata?.event_payload.keys).split(' ');
  expect(keys).toHaveLength(30);
  expect(keys.every((key) => key.endsWith(`:${run.id}`))).toBe(true);
});

test('many alerts for one channel at once are paced to at most one message per second', async () => {
  const channel = uniqueChannel();
  pipeline = await startPipeline('int-pace', sim, standin);
  const workspaces = [workspaceWithAction(3), workspaceWithAction(3), workspaceWithAction(3)];
  for (const { workspace } of workspaces) {
    const { subscription } = await pipeline.service.subscribe({
      channelId: channel,
      workspace,
      filters: {},
      userId: 'U0',
    });
    await pipeline.waitForBaseline(subscription.id);
  }
  // Three separate runs per workspace: 3 alerts per tick per subscription, each posted on its own.
  for (const { workspace, actions } of workspaces)
    for (const action of actions) failRun(workspace.id, [action]);
  const posted = await standin.waitForMessages(9, { channel }, 30_000);
  await sleep(1500);
  expect(topLevel(channel)).toHaveLength(9);
  expect(posted).toHaveLength(9);
  const times = standin.calls
    .filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel && call.ok)
    .map((call) => call.at);
  const gaps = times.slice(1).map((at, i) => at - (times[i] as number));
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
});

test('a later successful run replies in the alert thread and marks the alert recovered', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction();
  await subscribed(channel, workspace, 'int-recover');
  const failed = failRun(workspace.id, actions);
  const [alert] = await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(1100);
  const fixed = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId: (actions[0] as SimAction).id, runId: fixed.id, finalStatus: 'successful' });
  await standin.waitForMessages(1, { channel, threadTs: alert?.ts }, 15_000);
  await until(() => standin.messages(channel)[0]?.edited === true, 10_000, 'alert update');
  await sleep(2000);
  const [parent, ...replies] = standin.messages(channel);
  expect(replies).toHaveLength(1);
  expect(replies[0]?.text).toContain(fixed.id);
  expect(parent?.text).toContain('recovered');
  expect(parent?.text).toContain(failed.id);
});

test('an HCP rate limit pauses polling, which then resumes', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction();
  await subscribed(channel, workspace, 'int-hcp429');
  sim.injectFault({ match: /terraform-actions$/, status: 429, retryAfterSeconds: 1, times: 6 });
  const run = failRun(workspace.id, actions);
  await standin.waitForMessages(1, { channel }, 30_000);
  await sleep(2000);
  expect(topLevel(channel)).toHaveLength(1);
  expect(topLevel(channel)[0]?.text).toContain(run.id);
});

test('two workers on one Redis post each failure once', async () => {
  const channel = uniqueChannel();
  const { workspace, actions } = workspaceWithAction(2);
  const p = await subscribed(channel, workspace, 'int-two');
  await p.addWorker();
  const runs = [
    failRun(workspace.id, [actions[0] as SimAction]),
    failRun(workspace.id, [actions[1] as SimAction]),
  ];
  await standin.waitForMessages(2, { channel }, 20_000);
  await sleep(3000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(2);
  for (const run of runs) expect(texts.filter((text) => text.includes(run.id))).toHaveLength(1);
});
