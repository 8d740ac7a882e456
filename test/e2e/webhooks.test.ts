import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { type AlertKeys, createAlertKeys } from '../../src/alerts/keys.js';
import { createOrgKeys, organizationJobKey } from '../../src/alerts/org-keys.js';
import { readSignalState } from '../../src/alerts/org-signal-state.js';
import { createPollQueue } from '../../src/alerts/queue.js';
import { AlertState } from '../../src/alerts/state.js';
import { doorbellKeys } from '../../src/alerts/webhook-arrivals.js';
import { secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../src/runtime/worker.js';
import { until } from '../alerts/harness.js';
import { failingRun, orgWorkspace, uniqueOrganization } from '../alerts/org-harness.js';
import { blocksText } from '../support/blocks-text.js';
import {
  postNotification,
  runNotificationBody,
  verificationBody,
} from '../support/hcp-notification-signer.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

jest.setTimeout(90_000);

const TOKEN = 'e2e-notification-token-not-real-0001';
const PUBLIC_URL = 'https://tfactions.example.com/base';

/** The real web process (HTTP surface) and the real worker, on one Redis prefix and one HCP simulator. */
interface Stack {
  h: WebHarness;
  worker: WorkerRuntime;
  redis: Redis;
  keys: AlertKeys;
  notificationsUrl: string;
  close(): Promise<void>;
}

async function startStack(env: Record<string, string>): Promise<Stack> {
  const h = await startWebHarness(env);
  const logger = createLogger({ level: 'debug', secrets: secretsOf(h.config), destination: h.log });
  const worker = await startWorkerRuntime(h.config, logger, { serveHttp: false });
  const redis = new Redis(h.config.redisUrl);
  return {
    h,
    worker,
    redis,
    keys: createAlertKeys(h.config.redisKeyPrefix),
    notificationsUrl: `${h.baseUrl}/hcp/notifications`,
    async close() {
      await worker.close();
      await h.close();
      const stale = await redis.keys(`${h.config.redisKeyPrefix}*`);
      for (let i = 0; i < stale.length; i += 500) await redis.del(...stale.slice(i, i + 500));
      redis.disconnect();
    },
  };
}

let channelCounter = 0;
function uniqueChannel(): string {
  channelCounter += 1;
  return `C0HOOK${Date.now().toString(36).toUpperCase()}${channelCounter}`;
}

async function slashText(stack: Stack, text: string, channelId: string): Promise<string> {
  const answer = await stack.h.command(text, { channelId });
  expect(answer.status).toBe(200);
  const [response] = await stack.h.slack.waitForResponses(1, answer.responseUrl, 20_000);
  return blocksText(response?.blocks ?? []);
}

/** A workspace with one action, subscribed through the slash command, its baseline poll done. */
async function subscribedWorkspace(stack: Stack, channelId: string) {
  const { sim } = stack.h;
  const ws = sim.addWorkspace({
    name: `hook-${Math.random().toString(36).slice(2, 8)}`,
    organization: 'acme',
  });
  const action = sim.addAction({
    workspaceId: ws.id,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  const answer = await slashText(stack, `subscribe acme/${ws.name}`, channelId);
  expect(answer).toContain(ws.name);
  const subscriptionId = `${channelId}-${ws.id}`;
  const state = new AlertState(stack.redis, stack.keys);
  await until(
    async () => (await state.subscription.getCursor(subscriptionId)) !== null,
    20_000,
    'baseline poll',
  );
  return { ws, action, subscriptionId };
}

/** The whole organization subscribed through the slash command, its first cycle done. */
async function subscribedOrganization(stack: Stack, channelId: string, organization: string): Promise<void> {
  expect(await slashText(stack, `subscribe ${organization}/*`, channelId)).toContain(`${organization}/*`);
  const orgKeys = createOrgKeys(stack.keys);
  await until(
    async () => (await readSignalState(stack.redis, orgKeys, organization)).started.length > 0,
    20_000,
    'the organization watch to start',
  );
}

function failRun(stack: Stack, workspaceId: string, actionId: string) {
  const run = stack.h.sim.addRun({ workspaceId });
  stack.h.sim.addInvocation({ actionId, runId: run.id, finalStatus: 'failed', invokedBy: 'alice' });
  return run;
}

function alertsFor(stack: Stack, channelId: string, runId: string) {
  return stack.h.slack
    .messages(channelId)
    .filter((message) => !message.threadTs && message.text.includes(runId));
}

async function waitForAlert(stack: Stack, channelId: string, runId: string, timeoutMs = 20_000) {
  await until(async () => alertsFor(stack, channelId, runId).length > 0, timeoutMs, `the alert of ${runId}`);
}

async function windowClosed(stack: Stack, subscriptionId: string): Promise<void> {
  const gate = doorbellKeys(stack.keys).pollGate(subscriptionId);
  await until(async () => (await stack.redis.exists(gate)) === 0, 5000, 'the doorbell window');
}

describe('POLL_INTERVAL_SECONDS=300: alerts come through webhooks', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      HCP_NOTIFICATION_TOKEN: TOKEN,
      POLL_INTERVAL_SECONDS: '300',
      TFACTIONS_PUBLIC_URL: PUBLIC_URL,
    });
  });

  afterAll(() => stack.close());

  test('a signed webhook brings the alert in seconds; subscriptions show its arrival; unsubscribe forgets it', async () => {
    const channel = uniqueChannel();
    const { ws, action, subscriptionId } = await subscribedWorkspace(stack, channel);
    expect(await slashText(stack, 'subscriptions', channel)).toContain('Last webhook: never: polling only');

    const run = failRun(stack, ws.id, action.id);
    const answer = await postNotification(
      stack.notificationsUrl,
      runNotificationBody({ workspaceId: ws.id, runId: run.id, workspaceName: ws.name }),
      { token: TOKEN },
    );
    expect(answer.status).toBe(200);
    await waitForAlert(stack, channel, run.id);
    expect(alertsFor(stack, channel, run.id)).toHaveLength(1);

    const listed = await slashText(stack, 'subscriptions', channel);
    expect(listed).toContain('Last webhook:');
    expect(listed).not.toContain('never: polling only');

    await slashText(stack, `unsubscribe ${ws.id}`, channel);
    const lastWebhook = doorbellKeys(stack.keys).lastWebhook;
    expect(await stack.redis.hexists(lastWebhook, subscriptionId)).toBe(0);
  });

  test('a webhook for a workspace covered only by an organization subscription runs its cycle at once: one alert', async () => {
    const channel = uniqueChannel();
    const organization = uniqueOrganization();
    const ws = orgWorkspace(stack.h.sim, organization, 'app-prod');
    await subscribedOrganization(stack, channel, organization);
    expect(await slashText(stack, 'subscriptions', channel)).toContain('Last webhook: never: polling only');

    const runId = failingRun(stack.h.sim, ws);
    const answer = await postNotification(
      stack.notificationsUrl,
      runNotificationBody({ workspaceId: ws.id, runId, workspaceName: ws.name, organization }),
      { token: TOKEN },
    );
    expect(answer.status).toBe(200);
    // The organization's next scheduled cycle is 300 s away: only the webhook can bring this in time.
    await waitForAlert(stack, channel, runId);
    const listed = await slashText(stack, 'subscriptions', channel);
    expect(listed).toContain('Last webhook:');
    expect(listed).not.toContain('never: polling only');
    expect(alertsFor(stack, channel, runId)).toHaveLength(1);
  });

  test('verification, a wrong signature and an unreadable body get their answers over the web port', async () => {
    expect(
      (await postNotification(stack.notificationsUrl, verificationBody(), { token: TOKEN })).status,
    ).toBe(200);
    const body = runNotificationBody({ workspaceId: 'ws-NobodyWatchesE2E01' });
    expect(
      (await postNotification(stack.notificationsUrl, body, { token: 'another-token-value' })).status,
    ).toBe(401);
    expect((await postNotification(stack.notificationsUrl, body, { signature: null })).status).toBe(401);
    expect((await postNotification(stack.notificationsUrl, '{not json', { token: TOKEN })).status).toBe(400);
    expect(stack.h.log.text()).not.toContain(TOKEN);
  });

  test('a webhook for a workspace nobody subscribes to costs no HCP request', async () => {
    const before = stack.h.sim.requests.length;
    const answer = await postNotification(
      stack.notificationsUrl,
      runNotificationBody({ workspaceId: 'ws-NobodyWatchesE2E02' }),
      { token: TOKEN },
    );
    expect(answer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stack.h.sim.requests.length).toBe(before);
  });

  test('a webhook before HCP shows the failure finds nothing; the next webhook finds it, once', async () => {
    const channel = uniqueChannel();
    const { ws, action, subscriptionId } = await subscribedWorkspace(stack, channel);
    const polls = createPollQueue(stack.h.config.redisUrl, stack.keys, 'producer');
    try {
      const webhookPolls = async () =>
        (await polls.getJobs(['completed'])).filter((job) => job.data.subscriptionId === subscriptionId)
          .length;
      const early = runNotificationBody({ workspaceId: ws.id, runId: 'run-NotVisibleYet0001' });
      expect((await postNotification(stack.notificationsUrl, early, { token: TOKEN })).status).toBe(200);
      await until(async () => (await webhookPolls()) >= 1, 20_000, 'the early webhook poll');
      expect(stack.h.slack.messages(channel)).toEqual([]);

      const run = failRun(stack, ws.id, action.id);
      await windowClosed(stack, subscriptionId);
      const late = runNotificationBody({ workspaceId: ws.id, runId: run.id });
      expect((await postNotification(stack.notificationsUrl, late, { token: TOKEN })).status).toBe(200);
      await waitForAlert(stack, channel, run.id);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(alertsFor(stack, channel, run.id)).toHaveLength(1);
    } finally {
      await polls.close();
    }
  });

  test('a flood of 300 webhooks for one workspace: every one acked 200, one alert, no 429 from HCP', async () => {
    const channel = uniqueChannel();
    const { ws, action } = await subscribedWorkspace(stack, channel);
    const run = failRun(stack, ws.id, action.id);
    const body = runNotificationBody({ workspaceId: ws.id, runId: run.id });
    const rateLimitedBefore = stack.h.sim.rateLimitedCount;
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => postNotification(stack.notificationsUrl, body, { token: TOKEN })),
    );
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    await waitForAlert(stack, channel, run.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alertsFor(stack, channel, run.id)).toHaveLength(1);
    expect(stack.h.sim.rateLimitedCount).toBe(rateLimitedBefore);
  });

  test('a webhook that arrives while a poll runs is not absorbed by it: that poll polls again after', async () => {
    const channel = uniqueChannel();
    const { ws, action, subscriptionId } = await subscribedWorkspace(stack, channel);
    const { sim } = stack.h;
    // A second action that has run recently, so the poll reads its run summaries, which are made slow.
    const busy = sim.addAction({
      workspaceId: ws.id,
      address: 'action.aws_lambda_invoke.busy',
      provider: 'aws',
    });
    const busyRun = sim.addRun({ workspaceId: ws.id });
    sim.addInvocation({ actionId: busy.id, runId: busyRun.id, finalStatus: 'successful' });
    const slowSummaries = new RegExp(`/terraform-actions/${busy.id}/invocations/run-summary`);
    const polls = createPollQueue(stack.h.config.redisUrl, stack.keys, 'producer');
    try {
      sim.setLatency(3000, slowSummaries);
      const first = runNotificationBody({ workspaceId: ws.id, runId: busyRun.id });
      expect((await postNotification(stack.notificationsUrl, first, { token: TOKEN })).status).toBe(200);
      // The running poll has listed the actions (the failing one had not run yet) and waits on HCP.
      await until(
        async () => sim.requests.some((request) => slowSummaries.test(request.path) && request.status === 0),
        10_000,
        'the slow read of the running poll',
      );
      const run = failRun(stack, ws.id, action.id);
      await windowClosed(stack, subscriptionId);
      const second = runNotificationBody({ workspaceId: ws.id, runId: run.id });
      expect((await postNotification(stack.notificationsUrl, second, { token: TOKEN })).status).toBe(200);
      await until(
        async () =>
          (await polls.getJobs(['completed'])).some(
            (job) => job.data.subscriptionId === subscriptionId && job.returnvalue === 'skipped_locked',
          ),
        10_000,
        'the webhook poll that found the lock taken',
      );
      sim.clearLatency();
      await waitForAlert(stack, channel, run.id);
      expect(alertsFor(stack, channel, run.id)).toHaveLength(1);
    } finally {
      sim.clearLatency();
      await polls.close();
    }
  });

  test("a webhook that arrives while an organization's cycle runs is not absorbed by it: the cycle runs again after", async () => {
    const channel = uniqueChannel();
    const organization = uniqueOrganization();
    const { sim } = stack.h;
    const busy = orgWorkspace(sim, organization, 'busy');
    const failing = orgWorkspace(sim, organization, 'failing');
    await subscribedOrganization(stack, channel, organization);
    // A successful run of the busy workspace, whose member poll reads its run summaries, which are made slow.
    const busyRun = sim.organizations.addRun({ workspaceId: busy.id, status: 'applied' });
    sim.addInvocation({
      actionId: busy.action.id,
      runId: busyRun.id,
      finalStatus: 'successful',
      method: 'lifecycle',
    });
    const slowSummaries = new RegExp(`/terraform-actions/${busy.action.id}/invocations/run-summary`);
    const polls = createPollQueue(stack.h.config.redisUrl, stack.keys, 'producer');
    const jobKey = organizationJobKey(organization);
    try {
      sim.setLatency(3000, slowSummaries);
      const first = runNotificationBody({ workspaceId: busy.id, runId: busyRun.id, organization });
      expect((await postNotification(stack.notificationsUrl, first, { token: TOKEN })).status).toBe(200);
      // The running cycle has read the organization's runs (the failing one did not exist yet) and waits on HCP.
      await until(
        async () => sim.requests.some((request) => slowSummaries.test(request.path) && request.status === 0),
        10_000,
        'the slow read of the running cycle',
      );
      const runId = failingRun(sim, failing);
      await windowClosed(stack, jobKey);
      const second = runNotificationBody({ workspaceId: failing.id, runId, organization });
      expect((await postNotification(stack.notificationsUrl, second, { token: TOKEN })).status).toBe(200);
      await until(
        async () =>
          (await polls.getJobs(['completed'])).some(
            (job) => job.data.subscriptionId === jobKey && job.returnvalue === 'skipped_locked',
          ),
        10_000,
        'the webhook cycle that found the lock taken',
      );
      sim.clearLatency();
      await waitForAlert(stack, channel, runId);
      expect(alertsFor(stack, channel, runId)).toHaveLength(1);
    } finally {
      sim.clearLatency();
      await polls.close();
    }
  });

  test('/tfactions webhook answers with the URL under TFACTIONS_PUBLIC_URL and the triggers', async () => {
    const text = await slashText(stack, 'webhook acme', uniqueChannel());
    expect(text).toContain(`${PUBLIC_URL}/hcp/notifications`);
    expect(text).toContain('run:errored');
    expect(text).toContain('tfe_notification_configuration');
    expect(text).not.toContain(TOKEN);
  });
});

describe('a dropped webhook is caught by the next poll', () => {
  let stack: Stack;

  beforeAll(async () => {
    // A short interval so the safety net shows within the test; webhooks are on but this one never comes.
    stack = await startStack({ HCP_NOTIFICATION_TOKEN: TOKEN, POLL_INTERVAL_SECONDS: '3' });
  });

  afterAll(() => stack.close());

  test('no webhook, the failure still arrives by polling, once', async () => {
    const channel = uniqueChannel();
    const { ws, action } = await subscribedWorkspace(stack, channel);
    const run = failRun(stack, ws.id, action.id);
    await waitForAlert(stack, channel, run.id, 30_000);
    expect(alertsFor(stack, channel, run.id)).toHaveLength(1);
  });
});

describe('without HCP_NOTIFICATION_TOKEN', () => {
  let h: WebHarness;

  beforeAll(async () => {
    h = await startWebHarness();
  });

  afterAll(() => h.close());

  test('the endpoint answers 404, signed or not, and the webhook reply says which variables to set', async () => {
    const url = `${h.baseUrl}/hcp/notifications`;
    const answer = await postNotification(url, runNotificationBody(), { token: TOKEN });
    expect(answer.status).toBe(404);
    expect(JSON.stringify(answer.body)).toContain('HCP_NOTIFICATION_TOKEN');
    const reply = await h.command('webhook', { channelId: 'C0HOOKOFF' });
    const [response] = await h.slack.waitForResponses(1, reply.responseUrl, 20_000);
    const text = blocksText(response?.blocks ?? []);
    expect(text).toContain('TFACTIONS_PUBLIC_URL');
    expect(text).toContain('HCP_NOTIFICATION_TOKEN');
  });
});
