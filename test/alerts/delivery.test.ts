import { WebClient } from '@slack/web-api';
import { ChannelPacing } from '../../src/alerts/channel-pacing.js';
import { PermanentDeliveryError } from '../../src/alerts/delivery-failure.js';
import type { DeliveryDeps } from '../../src/alerts/delivery-types.js';
import { HealthStore } from '../../src/alerts/health.js';
import type { AlertItem, PostJobData } from '../../src/alerts/jobs.js';
import { alertKey } from '../../src/alerts/keys.js';
import { ParkedPosts } from '../../src/alerts/parked.js';
import { runPostJob } from '../../src/alerts/post-dispatch.js';
import { ALERT_EVENT_TYPE, SlackPoster } from '../../src/alerts/slack-poster.js';
import type { RunSummary } from '../../src/hcp/types.js';
import { SlackAlertPresenter } from '../../src/slack/alert-presenter.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { ButtonCodec } from '../../src/slack/buttons/codec.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { quietLogger, RecordingSink, type StateFixture, stateFixture, subscribeDirect } from './helpers.js';

const workspace = { id: 'ws-abc123', name: 'networking', organization: 'acme' };
let standin: SlackStandin;
let slack: WebClient;
let fx: StateFixture;
let runCounter = 0;

beforeAll(async () => {
  standin = await startSlackStandin();
  slack = new WebClient(standin.botToken, {
    slackApiUrl: standin.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: boltLogger(quietLogger()),
    timeout: 5000,
  });
});

afterAll(async () => {
  await standin.close();
});

beforeEach(() => {
  fx = stateFixture('delivery');
  standin.clearFaults();
  standin.setLatency(0);
});

afterEach(async () => {
  await fx.close();
});

function item(overrides: Partial<RunSummary> = {}): AlertItem {
  runCounter += 1;
  const runId = `run-d${runCounter}x${Math.random().toString(36).slice(2, 8)}`;
  const summary: RunSummary = {
    id: `action-deliver1:${runId}`,
    actionId: 'action-deliver1',
    runId,
    aggregateInvocationStatus: 'not_successful',
    invocationMethod: 'direct',
    invokedAt: '2026-05-12T15:40:00Z',
    invokedBy: { username: 'alice', avatarUrl: null },
    successful: 1,
    failed: 2,
    plannedInvocationCount: 3,
    ...overrides,
  };
  return {
    summary,
    action: {
      id: summary.actionId,
      address: 'action.aws_lambda_invoke.notify',
      provider: 'aws',
      moduleAddress: 'system:root_module',
    },
  };
}

function deps(overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    state: fx.state,
    mutes: fx.mutes,
    poster: new SlackPoster(slack),
    pacing: new ChannelPacing(fx.redis, fx.keys),
    presenter: new SlackAlertPresenter(new ButtonCodec('delivery-test-key'), 'https://app.terraform.io'),
    logger: quietLogger(),
    claimOptions: { ttlMs: 60_000, takeoverAfterMs: 300 },
    ...overrides,
  };
}

function channel(): string {
  return `C0D${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
}

function alertJob(channelId: string, alert: AlertItem): PostJobData {
  return { kind: 'alert', channelId, workspace, item: alert };
}

function refOf(channelId: string, alert: AlertItem) {
  return { channelId, actionId: alert.summary.actionId, runId: alert.summary.runId };
}

async function freeSlot(channelId: string) {
  await fx.redis.del(fx.keys.pace(channelId));
}

test('an alert is posted once, with its key in the message metadata, and recorded', async () => {
  const ch = channel();
  const alert = item();
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 1 });
  await freeSlot(ch);
  expect(await runPostJob(alertJob(ch, alert), 'job-2', deps())).toEqual({ status: 'done', posted: 0 });
  const messages = standin.messages(ch);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.metadata).toEqual({
    event_type: ALERT_EVENT_TYPE,
    event_payload: { key: alertKey(refOf(ch, alert)), keys: alertKey(refOf(ch, alert)) },
  });
  const postCall = standin.calls.find(
    (call) => call.method === 'chat.postMessage' && call.args.channel === ch,
  );
  expect(String(postCall?.args.unfurl_links)).toBe('false');
  const record = await fx.state.delivery.getAlertRecord(refOf(ch, alert));
  expect(record).toEqual(
    expect.objectContaining({
      channel: ch,
      ts: messages[0]?.ts,
      runId: alert.summary.runId,
      invokedAt: '2026-05-12T15:40:00Z',
    }),
  );
  expect(await fx.redis.exists(fx.keys.claim(refOf(ch, alert)), fx.keys.posting(refOf(ch, alert)))).toBe(0);
  expect((await fx.state.recovery.getLastAlert(ch, alert.summary.actionId))?.ts).toBe(messages[0]?.ts);
});

test('the only duplicate window is measured: from Slack storing the post to the record, with no Redis command between', async () => {
  const ch = channel();
  const alert = item();
  const ref = refOf(ch, alert);
  const monitor = await fx.redis.monitor();
  const commands: { time: number; args: string[] }[] = [];
  monitor.on('monitor', (time: string, args: string[]) => {
    if (args.some((arg) => arg.includes(ch))) commands.push({ time: Number(time) * 1000, args });
  });
  try {
    standin.clearCalls();
    await runPostJob(alertJob(ch, alert), 'job-window', deps());
    await until(() => commands.some((command) => isRecord(command.args)), 2000);
  } finally {
    monitor.disconnect();
  }
  const post = standin.calls.find((call) => call.method === 'chat.postMessage');
  const markerIndex = commands.findIndex(
    (command) => command.args[0]?.toLowerCase() === 'set' && command.args[1] === fx.keys.posting(ref),
  );
  const recordIndex = commands.findIndex((command) => isRecord(command.args));
  // Nothing touches Redis between the posting marker (its SET, run inside a script), the Slack call and the record.
  expect(recordIndex).toBe(markerIndex + 1);
  const windowMs = (commands[recordIndex]?.time ?? 0) - (post?.at ?? 0);
  expect(windowMs).toBeGreaterThanOrEqual(0);
  process.stdout.write(
    `duplicate window (Slack stored the post -> alert recorded): ${windowMs.toFixed(1)} ms\n`,
  );
});

function isRecord(args: string[]): boolean {
  return args[0]?.toLowerCase() === 'eval' && args.some((arg) => arg.includes(':alerted:'));
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('an attempt that died after posting is found in the history instead of posting again', async () => {
  const ch = channel();
  const alert = item();
  const ref = refOf(ch, alert);
  // The earlier attempt: claimed, marked, posted, then died before recording.
  await fx.state.delivery.claim(ref, 'job-1', 'dead', { ttlMs: 60_000 });
  await fx.state.delivery.markPosting([ref], Date.now());
  const posted = await slack.chat.postMessage({
    channel: ch,
    text: 'alert',
    metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { key: alertKey(ref), keys: alertKey(ref) } },
  });
  await freeSlot(ch);

  // Another job must wait for the claim; the same job takes over once the claim is old enough.
  expect((await runPostJob(alertJob(ch, alert), 'job-other', deps())).status).toBe('later');
  await new Promise((resolve) => setTimeout(resolve, 350));
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toHaveLength(1);
  expect(await fx.state.delivery.getAlertRecord(ref)).toEqual(
    expect.objectContaining({ ts: posted.ts, recoveredFromHistory: true }),
  );
});

test('when the history cannot be read the alert is posted anyway', async () => {
  const ch = channel();
  const alert = item();
  await fx.state.delivery.markPosting([refOf(ch, alert)], Date.now());
  standin.injectFault({ method: 'conversations.history', error: 'missing_scope' });
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 1 });
  expect(standin.messages(ch)).toHaveLength(1);
});

test('a history read that is only rate limited is retried later, never skipped', async () => {
  const ch = channel();
  const alert = item();
  const ref = refOf(ch, alert);
  await fx.state.delivery.markPosting([ref], Date.now());
  standin.injectFault({ method: 'conversations.history', status: 429, retryAfterSeconds: 1 });
  const result = await runPostJob(alertJob(ch, alert), 'job-1', deps());
  expect(result.status).toBe('later');
  expect(standin.messages(ch)).toHaveLength(0);
  expect(await fx.redis.exists(fx.keys.posting(ref))).toBe(1);
  expect(await fx.redis.exists(fx.keys.claim(ref))).toBe(0);
});

test('a Slack 429 releases everything and asks for Retry-After; the next attempt posts once', async () => {
  const ch = channel();
  const alert = item();
  standin.injectFault({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 2 });
  const first = await runPostJob(alertJob(ch, alert), 'job-1', deps());
  expect(first.status).toBe('later');
  if (first.status === 'later') expect(first.delayMs).toBeGreaterThanOrEqual(2000);
  expect(await fx.redis.exists(fx.keys.claim(refOf(ch, alert)), fx.keys.posting(refOf(ch, alert)))).toBe(0);
  expect(await fx.redis.pttl(fx.keys.pace(ch))).toBeGreaterThan(1000);
  await freeSlot(ch);
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 1 });
  expect(standin.messages(ch)).toHaveLength(1);
});

test('a permanent Slack error fails the job for good and releases the claim', async () => {
  const ch = channel();
  const alert = item();
  standin.injectFault({ method: 'chat.postMessage', error: 'restricted_action' });
  await expect(runPostJob(alertJob(ch, alert), 'job-1', deps())).rejects.toBeInstanceOf(
    PermanentDeliveryError,
  );
  expect(await fx.redis.exists(fx.keys.claim(refOf(ch, alert)), fx.keys.posting(refOf(ch, alert)))).toBe(0);
  expect(await fx.state.delivery.getAlertRecord(refOf(ch, alert))).toBeNull();
});

test('no answer from Slack keeps claim and marker, so the retry reads the history first', async () => {
  const ch = channel();
  const alert = item();
  standin.injectFault({ method: 'chat.postMessage', dropConnection: true });
  await expect(runPostJob(alertJob(ch, alert), 'job-1', deps())).rejects.toThrow();
  const ref = refOf(ch, alert);
  expect(await fx.redis.exists(fx.keys.claim(ref), fx.keys.posting(ref))).toBe(2);
  await freeSlot(ch);
  expect((await runPostJob(alertJob(ch, alert), 'job-1', deps())).status).toBe('later');
  await new Promise((resolve) => setTimeout(resolve, 350));
  standin.clearCalls();
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 1 });
  expect(standin.calls.map((call) => call.method)).toEqual(['conversations.history', 'chat.postMessage']);
  expect(standin.messages(ch)).toHaveLength(1);
});

test('posts to one channel are paced to one per second', async () => {
  const ch = channel();
  expect((await runPostJob(alertJob(ch, item()), 'job-1', deps())).status).toBe('done');
  const second = await runPostJob(alertJob(ch, item()), 'job-2', deps());
  expect(second.status).toBe('later');
  if (second.status === 'later') expect(second.delayMs).toBeLessThanOrEqual(1250);
  expect(standin.messages(ch)).toHaveLength(1);
  expect((await runPostJob(alertJob(channel(), item()), 'job-3', deps())).status).toBe('done');
});

test('a muted action is suppressed at post time', async () => {
  const ch = channel();
  const alert = item();
  await fx.mutes.mute(ch, alert.summary.actionId, 60, 'U1');
  expect(await runPostJob(alertJob(ch, alert), 'job-1', deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toHaveLength(0);
  expect(await fx.state.delivery.getAlertRecord(refOf(ch, alert))).toEqual(
    expect.objectContaining({ suppressed: 'muted' }),
  );
});

test('a burst is one message carrying every key; already-posted items are left out', async () => {
  const ch = channel();
  const items = Array.from({ length: 5 }, () => item());
  const first = items[0] as AlertItem;
  await fx.state.delivery.markSuppressed([refOf(ch, first)], 'history', new Date());
  const job: PostJobData = { kind: 'burst', channelId: ch, workspace, items };
  expect(await runPostJob(job, 'burst-1', deps())).toEqual({ status: 'done', posted: 4 });
  const [message] = standin.messages(ch);
  expect(message?.metadata?.event_payload.keys).toBe(
    items
      .slice(1)
      .map((i) => alertKey(refOf(ch, i)))
      .join(' '),
  );
  for (const i of items.slice(1))
    expect(await fx.state.delivery.getAlertRecord(refOf(ch, i))).toEqual(
      expect.objectContaining({ ts: message?.ts, grouped: true }),
    );
  await freeSlot(ch);
  expect(await runPostJob(job, 'burst-1', deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toHaveLength(1);
});

test('a recovery replies in the thread and rewrites a single alert, once', async () => {
  const ch = channel();
  const alert = item();
  await runPostJob(alertJob(ch, alert), 'job-1', deps());
  await freeSlot(ch);
  const recovery: PostJobData = {
    kind: 'recovery',
    channelId: ch,
    actionId: alert.summary.actionId,
    alertRunId: alert.summary.runId,
    recoveredRunId: 'run-fixed1',
    recoveredAt: '2026-05-12T16:00:00Z',
  };
  expect(await runPostJob(recovery, 'rec-1', deps())).toEqual({ status: 'done', posted: 1 });
  const [parent, reply] = standin.messages(ch);
  expect(reply?.threadTs).toBe(parent?.ts);
  expect(reply?.text).toContain('run-fixed1');
  expect(parent?.edited).toBe(true);
  expect(parent?.text).toContain('recovered');
  expect(await fx.state.recovery.getLastAlert(ch, alert.summary.actionId)).toBeNull();
  await freeSlot(ch);
  expect(await runPostJob(recovery, 'rec-1', deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toHaveLength(2);
});

test('a recovery of a grouped alert only replies, leaving the other alerts of the message intact', async () => {
  const ch = channel();
  const items = [item(), item()];
  await runPostJob({ kind: 'burst', channelId: ch, workspace, items }, 'burst-2', deps());
  await freeSlot(ch);
  const before = standin.messages(ch)[0]?.text;
  const last = items[1] as AlertItem;
  await runPostJob(
    {
      kind: 'recovery',
      channelId: ch,
      actionId: last.summary.actionId,
      alertRunId: last.summary.runId,
      recoveredRunId: 'run-fixed2',
      recoveredAt: '2026-05-12T16:00:00Z',
    },
    'rec-2',
    deps(),
  );
  const [parent, reply] = standin.messages(ch);
  expect(parent?.edited).toBe(false);
  expect(parent?.text).toBe(before);
  expect(reply?.threadTs).toBe(parent?.ts);
});

test('a workspace problem is posted as one message', async () => {
  const ch = channel();
  const job: PostJobData = {
    kind: 'problem',
    channelId: ch,
    subscriptionId: 'x',
    workspaceLabel: 'acme/net',
    problem: 'not found',
  };
  expect(await runPostJob(job, 'problem-1', deps())).toEqual({ status: 'done', posted: 1 });
  expect(standin.messages(ch)[0]?.text).toContain('acme/net');
});

test('a post refused with not_in_channel is kept, marks the health, and is delivered once after release', async () => {
  const ch = channel();
  const alert = item();
  const subscription = await subscribeDirect(fx.store, ch, {
    id: 'ws-parked0001',
    name: 'parked',
    organization: 'acme',
  });
  const health = new HealthStore(fx.redis, fx.keys);
  const parked = new ParkedPosts(fx.redis, fx.keys);
  standin.setMember(ch, false);
  expect(await runPostJob(alertJob(ch, alert), 'alert-job', deps())).toEqual({ status: 'done', posted: 0 });
  await freeSlot(ch);
  // The same job again (a re-enqueue) is kept once.
  expect(await runPostJob(alertJob(ch, alert), 'alert-job', deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toEqual([]);
  expect(await parked.count(ch)).toBe(1);
  expect((await health.read([subscription.id])).get(subscription.id)?.channelError).toBe('not_in_channel');
  expect(await health.failingIds()).toEqual([subscription.id]);
  expect(await fx.redis.exists(fx.keys.claim(refOf(ch, alert)), fx.keys.posting(refOf(ch, alert)))).toBe(0);

  standin.setMember(ch, true);
  const sink = new RecordingSink();
  expect(await parked.release(ch, sink)).toBe(1);
  expect(await parked.release(ch, sink)).toBe(0);
  expect(sink.jobs).toHaveLength(1);
  expect(await health.failingIds()).toEqual([]);
  const [job] = sink.jobs;
  if (!job) throw new Error('no released job');
  expect(job.jobId).toMatch(/^unparked-\d+-alert-job$/);
  await freeSlot(ch);
  expect(await runPostJob(job.data, job.jobId, deps())).toEqual({ status: 'done', posted: 1 });
  await freeSlot(ch);
  expect(await runPostJob(job.data, job.jobId, deps())).toEqual({ status: 'done', posted: 0 });
  expect(standin.messages(ch)).toHaveLength(1);
});

test('health notices are top-level posts, with distinct words for 401 and 403', async () => {
  const ch = channel();
  const notice = (errorClass: 'unauthorized' | 'forbidden'): PostJobData => ({
    kind: 'health',
    channelId: ch,
    subscriptionId: `${ch}-ws-abc123`,
    workspaceLabel: 'acme/networking',
    state: 'failing',
    errorClass,
    since: '2026-05-12T15:40:00Z',
  });
  expect(await runPostJob(notice('unauthorized'), 'h-1', deps())).toEqual({ status: 'done', posted: 1 });
  await freeSlot(ch);
  expect(await runPostJob(notice('forbidden'), 'h-2', deps())).toEqual({ status: 'done', posted: 1 });
  await freeSlot(ch);
  const resumed: PostJobData = {
    kind: 'health',
    channelId: ch,
    subscriptionId: `${ch}-ws-abc123`,
    workspaceLabel: 'acme/networking',
    state: 'resumed',
    since: '2026-05-12T15:40:00Z',
    dropped: 12,
    droppedRuns: ['run-Dropped1', 'run-Dropped2'],
    baselineOnly: false,
  };
  expect(await runPostJob(resumed, 'h-3', deps())).toEqual({ status: 'done', posted: 1 });
  const [unauthorized, forbidden, back] = standin.messages(ch);
  expect([unauthorized, forbidden, back].every((message) => message?.threadTs === undefined)).toBe(true);
  expect(unauthorized?.text).toMatch(/not working.*401/);
  expect(JSON.stringify(unauthorized?.blocks)).toContain('TFE_TOKEN');
  expect(forbidden?.text).toMatch(/403.*team lacks access/);
  expect(JSON.stringify(forbidden?.blocks)).toContain('Read runs');
  expect(JSON.stringify(forbidden?.blocks)).not.toContain('TFE_TOKEN');
  expect(back?.text).toMatch(
    /work again.*12 runs in progress.*dropped \(`run-Dropped1`, `run-Dropped2` and 10 more\)/,
  );
});

test('a post that goes through again releases what was parked for the channel, even without a join event', async () => {
  const ch = channel();
  const parked = new ParkedPosts(fx.redis, fx.keys);
  standin.setMember(ch, false);
  expect(await runPostJob(alertJob(ch, item()), 'alert-kept', deps())).toEqual({ status: 'done', posted: 0 });
  standin.setMember(ch, true);
  await freeSlot(ch);
  const releaseSink = new RecordingSink();
  expect(await runPostJob(alertJob(ch, item()), 'alert-new', deps({ releaseSink }))).toEqual({
    status: 'done',
    posted: 1,
  });
  expect(releaseSink.jobs.map((job) => job.jobId)).toEqual([
    expect.stringMatching(/^unparked-\d+-alert-kept$/),
  ]);
  expect(await parked.count(ch)).toBe(0);
});
