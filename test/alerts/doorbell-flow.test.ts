import { jest } from '@jest/globals';
import type { Queue } from 'bullmq';
import { createDoorbell, type Doorbell } from '../../src/alerts/doorbell.js';
import { createPollQueue, type PollJobData } from '../../src/alerts/queue.js';
import { doorbellKeys } from '../../src/alerts/webhook-arrivals.js';
import { postNotification, runNotificationBody } from '../support/hcp-notification-signer.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type NotificationEndpoint, serveDoorbell } from '../support/notification-endpoint.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { type Pipeline, startPipeline, uniqueChannel, until } from './harness.js';
import { testRedisUrl } from './helpers.js';

jest.setTimeout(60_000);

/** Long enough that no scheduled poll can happen during a test: whatever arrives came through a webhook. */
const POLL_INTERVAL_SECONDS = 300;
const TOKEN = 'test-notification-token-not-real-flow';

let sim: HcpSimulator;
let standin: SlackStandin;
let pipeline: Pipeline;
let queue: Queue<PollJobData>;
let doorbell: Doorbell;
let endpoint: NotificationEndpoint;
let url: string;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'doorbell-flow-token' });
  standin = await startSlackStandin();
});

afterAll(async () => {
  await standin.close();
  await sim.close();
});

beforeEach(async () => {
  pipeline = await startPipeline('doorbell-flow', sim, standin, {
    pollIntervalSeconds: POLL_INTERVAL_SECONDS,
  });
  queue = createPollQueue(testRedisUrl(), pipeline.keys, 'producer');
  doorbell = createDoorbell({ redis: pipeline.redis, keys: pipeline.keys, pollQueue: queue });
  endpoint = await serveDoorbell(doorbell, TOKEN);
  url = endpoint.url;
});

afterEach(async () => {
  await endpoint.close();
  await queue.close();
  await pipeline.close();
});

async function watchedWorkspace(channelId: string) {
  const ws = sim.addWorkspace({
    name: `flow-${Math.random().toString(36).slice(2, 8)}`,
    organization: 'acme',
  });
  const action = sim.addAction({
    workspaceId: ws.id,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  const { subscription } = await pipeline.service.subscribe({
    channelId,
    workspace: { id: ws.id, name: ws.name, organization: ws.organization },
    filters: {},
    userId: 'U0TEST',
  });
  await pipeline.waitForBaseline(subscription.id);
  return { ws, action, subscriptionId: subscription.id };
}

function failRun(workspaceId: string, actionId: string) {
  const run = sim.addRun({ workspaceId });
  sim.addInvocation({ actionId, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
  return run;
}

async function webhookPollsDone(): Promise<number> {
  const jobs = await queue.getJobs(['completed', 'failed']);
  return jobs.filter((job) => job.id?.includes('-webhook-')).length;
}

test('with a 300 s poll interval, a failure arrives through its webhook', async () => {
  const channel = uniqueChannel();
  const { ws, action } = await watchedWorkspace(channel);
  const run = failRun(ws.id, action.id);
  const answer = await postNotification(url, runNotificationBody({ workspaceId: ws.id, runId: run.id }), {
    token: TOKEN,
  });
  expect(answer.status).toBe(200);
  await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
  const [alert] = standin.messages(channel);
  expect(alert?.text).toContain(run.id);
});

test('a webhook before HCP shows the failure finds nothing; the next webhook finds it, once', async () => {
  const channel = uniqueChannel();
  const { ws, action, subscriptionId } = await watchedWorkspace(channel);
  const early = await postNotification(url, runNotificationBody({ workspaceId: ws.id }), { token: TOKEN });
  expect(early.status).toBe(200);
  await until(async () => (await webhookPollsDone()) >= 1, 20_000, 'the early webhook poll');
  expect(standin.messages(channel)).toEqual([]);

  const run = failRun(ws.id, action.id);
  // The next webhook for this subscription is let through once the one-second window has passed.
  const gate = doorbellKeys(pipeline.keys).pollGate(subscriptionId);
  await until(async () => (await pipeline.redis.exists(gate)) === 0, 5000, 'the doorbell window');
  const late = await postNotification(url, runNotificationBody({ workspaceId: ws.id, runId: run.id }), {
    token: TOKEN,
  });
  expect(late.status).toBe(200);
  await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
  await until(async () => (await webhookPollsDone()) >= 2, 20_000, 'the second webhook poll');
  const alerts = standin.messages(channel).filter((message) => message.text.includes(run.id));
  expect(alerts).toHaveLength(1);
});
