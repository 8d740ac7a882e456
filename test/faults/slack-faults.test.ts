import { jest } from '@jest/globals';
import { keyOf, postedAlertKeys } from './support/alert-tally.js';
import {
  type ChannelFault,
  type SlackFaultProxy,
  startSlackFaultProxy,
} from './support/slack-fault-proxy.js';
import { killAll, type LogLine, type SpawnedProcess } from './support/spawned.js';
import { sleep, waitUntil } from './support/waiting.js';
import {
  type FaultWorld,
  healthStatus,
  startProcess,
  startWorld,
  type WorkspaceFixture,
} from './support/world.js';

jest.setTimeout(90_000);

const ERROR = 50;
const REFUSED =
  'Slack refused to post to this channel and will keep refusing; alerts for it are dropped until this is fixed';
const KEPT =
  'Slack refused to post to this channel (bot removed or channel archived); alerts are kept until the bot is invited back';

let world: FaultWorld;
let proxy: SlackFaultProxy;
let worker: SpawnedProcess;
let workerPid: number;
let serial = 0;

beforeAll(async () => {
  world = await startWorld();
  proxy = await startSlackFaultProxy(world.slack.apiUrl);
  worker = await startProcess(world, 'worker', { slackApiUrl: proxy.apiUrl });
  workerPid = worker.pid;
});

afterAll(async () => {
  await killAll();
  await proxy.close();
  await world.close();
});

afterEach(async () => {
  expect(worker.alive).toBe(true);
  expect(worker.pid).toBe(workerPid);
  expect(await healthStatus(worker.port)).toBe(200);
});

/** A fresh workspace subscribed by each channel (all of them alerted for every failure of it). */
async function watched(...channels: string[]): Promise<WorkspaceFixture> {
  serial += 1;
  const fixture = world.addWorkspace(`slackfault${serial}`, 1);
  for (const channel of channels) await world.subscribe(channel, fixture.workspace);
  return fixture;
}

function fail(fixture: WorkspaceFixture, ...channels: string[]): string[] {
  const action = fixture.actions[0];
  if (!action) throw new Error('no action');
  const runId = world.failRun(fixture.workspace.id, action);
  return channels.map((channel) => keyOf(channel, action.id, runId));
}

const postedIn = (channel: string) => postedAlertKeys(world.slack.messages(channel));
const postCalls = (channel: string) =>
  proxy.calls.filter((call) => call.method === 'chat.postMessage' && call.channel === channel);
const linesFor = (channel: string, msg: string) =>
  worker.lines().filter((line: LogLine) => line.channel === channel && line.msg === msg);

test('429 with Retry-After, then ok: the channel waits as told and the alert is posted once', async () => {
  const channel = 'C0SLACK429';
  const fixture = await watched(channel);
  proxy.inject({ method: 'chat.postMessage', channel, status: 429, retryAfterSeconds: 2, times: 1 });
  const [key] = fail(fixture, channel);

  await waitUntil(() => postedIn(channel).includes(key ?? ''), 30_000, 'the alert after the 429');
  await sleep(2500);
  expect(postedIn(channel)).toEqual([key]);
  expect(postCalls(channel).map((call) => call.fault?.status ?? 'passed')).toEqual([429, 'passed']);
  const waited = linesFor(channel, 'Slack rate limited the channel; waiting');
  expect(waited).toHaveLength(1);
  expect(waited[0]?.retryAfterSeconds).toBe(2);
});

test('ok:false internal_error: retried after a look at the history, posted once', async () => {
  const channel = 'C0SLACKINTERNAL';
  const fixture = await watched(channel);
  proxy.inject({ method: 'chat.postMessage', channel, error: 'internal_error', times: 1 });
  const [key] = fail(fixture, channel);

  await waitUntil(() => postedIn(channel).includes(key ?? ''), 60_000, 'the alert after internal_error');
  await sleep(2500);
  expect(postedIn(channel)).toEqual([key]);
  expect(postCalls(channel).map((call) => call.fault?.error ?? 'passed')).toEqual([
    'internal_error',
    'passed',
  ]);
  const retried = linesFor(channel, 'Slack call failed; the job will retry');
  expect(retried.map((line) => line.error)).toEqual(['internal_error']);
  // The outcome was unknown, so the retry read the channel's history before posting again.
  expect(
    proxy.calls.some((call) => call.method === 'conversations.history' && call.channel === channel),
  ).toBe(true);
});

test('permanent refusals are not retried, are logged once per channel, and other channels keep working', async () => {
  // The first three are kept (parked) until the bot is invited back; the last one is dropped.
  const refusals: Record<string, string> = {
    C0SLACKGONE: 'channel_not_found',
    C0SLACKNOTIN: 'not_in_channel',
    C0SLACKARCHIVED: 'is_archived',
    C0SLACKRESTRICTED: 'restricted_action',
  };
  const healthy = 'C0SLACKHEALTHY';
  const broken = Object.keys(refusals);
  const fixture = await watched(...broken, healthy);
  for (const [channel, error] of Object.entries(refusals))
    proxy.inject({ method: 'chat.postMessage', channel, error } satisfies ChannelFault);

  const firstKeys = fail(fixture, ...broken, healthy);
  await waitUntil(() => postedIn(healthy).length === 1, 30_000, 'the healthy channel alert');
  const secondKeys = fail(fixture, ...broken, healthy);
  await waitUntil(() => postedIn(healthy).length === 2, 30_000, 'the second healthy channel alert');
  // Longer than the post jobs' first backoff (5 s): a retry would have shown by now.
  await sleep(7000);

  expect(postedIn(healthy)).toEqual([firstKeys.at(-1), secondKeys.at(-1)]);
  for (const [channel, error] of Object.entries(refusals)) {
    expect(postedIn(channel)).toEqual([]);
    // Each alert was tried once: no retries of a refusal that will not change.
    expect(postCalls(channel)).toHaveLength(2);
    const kept = error !== 'restricted_action';
    expect(linesFor(channel, kept ? KEPT : REFUSED).map((line) => line.error)).toEqual([error]);
    const aboutChannel = worker
      .lines()
      .filter((line) => line.channel === channel || String(line.job).startsWith(`alert-${channel}-`));
    // Each dropped alert leaves a debug line (kept ones complete their job); one error line per channel.
    expect(
      aboutChannel.filter((line) => line.msg === 'post job dropped: Slack refuses this channel'),
    ).toHaveLength(kept ? 0 : 2);
    expect(aboutChannel.filter((line) => line.level >= ERROR)).toHaveLength(1);
  }
});

test('a post slower than the 10 s Slack timeout: at most one message, found in the history on retry', async () => {
  const channel = 'C0SLACKSLOW';
  const fixture = await watched(channel);
  // The proxy holds the call past the worker's timeout, then passes it on: Slack posts what the worker gave up on.
  proxy.inject({ method: 'chat.postMessage', channel, delayMs: 12_000, times: 1 });
  const [key] = fail(fixture, channel);

  const alerted = `tfa:alerted:${key}`;
  await waitUntil(async () => (await world.redis.exists(alerted)) === 1, 60_000, 'the alert record');
  await sleep(2500);
  expect(postedIn(channel)).toEqual([key]);
  const record = JSON.parse((await world.redis.get(alerted)) ?? '{}') as Record<string, unknown>;
  expect(record.ts).toBe(world.slack.messages(channel)[0]?.ts);
  expect(record.recoveredFromHistory).toBe(true);
  expect(linesFor(channel, 'Slack call failed; the job will retry').map((line) => line.outcome)).toEqual([
    'unknown_outcome',
  ]);
});
