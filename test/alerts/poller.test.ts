import { type PollerDeps, SETTLE_SECONDS } from '../../src/alerts/poll-types.js';
import { pollSubscription } from '../../src/alerts/poller.js';
import { MAX_ALERTS_PER_MESSAGE } from '../../src/alerts/presenter.js';
import type { Subscription } from '../../src/alerts/subscriptions.js';
import type { SubscriptionFilters } from '../../src/alerts/types.js';
import type { HcpApi } from '../../src/hcp/api.js';
import { createHcpClient } from '../../src/hcp/client.js';
import { createPacer } from '../../src/hcp/pacing.js';
import {
  type HcpSimulator,
  type SimAction,
  type SimWorkspace,
  startHcpSimulator,
} from '../support/hcp-simulator/index.js';
import { quietLogger, RecordingSink, type StateFixture, stateFixture, subscribeDirect } from './helpers.js';

const CHANNEL = 'C0POLLER';

let sim: HcpSimulator;
let hcp: HcpApi;
let fx: StateFixture;
let sink: RecordingSink;
let workspace: SimWorkspace;
let action: SimAction;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'poller-token' });
  hcp = createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: createPacer({ ratePerSecond: 1000, burst: 1000 }),
    maxAttempts: 1,
  });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  fx = stateFixture('poller');
  sink = new RecordingSink();
  sim.freezeClock(true);
  sim.setClock('2026-05-12T15:00:00Z');
  workspace = sim.addWorkspace({
    name: `net-${Math.random().toString(36).slice(2, 8)}`,
    organization: 'acme',
  });
  action = sim.addAction({
    workspaceId: workspace.id,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  sim.clearFaults();
});

afterEach(async () => {
  await fx.close();
});

function deps(overrides: Partial<PollerDeps> = {}): PollerDeps {
  return {
    hcp,
    state: fx.state,
    mutes: fx.mutes,
    sink,
    logger: quietLogger(),
    maxBurstItems: MAX_ALERTS_PER_MESSAGE,
    ...overrides,
  };
}

async function subscribe(filters: SubscriptionFilters = {}): Promise<Subscription> {
  return subscribeDirect(fx.store, CHANNEL, workspace, filters);
}

function fail(actionId = action.id, options: { invokedBy?: string | null; inProgress?: boolean } = {}) {
  const run = sim.addRun({ workspaceId: workspace.id, inProgress: options.inProgress ?? false });
  sim.addInvocation({
    actionId,
    runId: run.id,
    finalStatus: 'failed',
    invokedBy: options.invokedBy === undefined ? 'alice' : options.invokedBy,
  });
  return run;
}

function succeed(actionId = action.id) {
  const run = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId, runId: run.id, finalStatus: 'successful', invokedBy: 'alice' });
  return run;
}

/** Ticks `count` times, advancing the simulator clock by `seconds` before each. */
async function ticks(subscription: Subscription, count: number, seconds = 5) {
  for (let i = 0; i < count; i++) {
    sim.advanceClock(seconds);
    await pollSubscription(subscription, deps());
  }
}

function alertedRuns(): string[] {
  return [
    ...sink.ofKind('alert').map((job) => job.item.summary.runId),
    ...sink.ofKind('burst').flatMap((job) => job.items.map((item) => item.summary.runId)),
  ];
}

test('the first tick sets a baseline from the server clock and posts no history', async () => {
  sim.advanceClock(-600);
  fail();
  sim.advanceClock(590);
  fail();
  succeed();
  sim.advanceClock(10);
  const subscription = await subscribe();

  const first = await pollSubscription(subscription, deps());
  expect(first.outcome).toBe('baseline');
  expect(first.cursor).toBe('2026-05-12T14:59:30Z');
  expect((await fx.state.subscription.getCursor(subscription.id))?.iso).toBe('2026-05-12T14:59:30Z');

  await ticks(subscription, 8);
  expect(sink.jobs).toEqual([]);
});

test('the cursor comes from the Date header minus the settle window, never from the local clock', async () => {
  sim.setClock('2031-01-01T00:00:00Z');
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  expect((await fx.state.subscription.getCursor(subscription.id))?.iso).toBe('2030-12-31T23:59:30Z');
  sim.advanceClock(100);
  await pollSubscription(subscription, deps());
  expect((await fx.state.subscription.getCursor(subscription.id))?.iso).toBe(
    `2031-01-01T00:01:${40 - SETTLE_SECONDS + 0}Z`,
  );
  // A server clock that jumps back never moves the cursor back.
  sim.setClock('2030-06-01T00:00:00Z');
  await pollSubscription(subscription, deps());
  expect((await fx.state.subscription.getCursor(subscription.id))?.iso).toBe('2031-01-01T00:01:10Z');
});

test('a new failure is found once over many ticks, and again never once it is recorded', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(3);
  const run = fail();
  await ticks(subscription, 10, 2);
  expect(alertedRuns()).toEqual([run.id]);
  const [job] = sink.ofKind('alert');
  expect(job?.item.action).toEqual({
    id: action.id,
    address: action.address,
    provider: 'aws',
    moduleAddress: 'system:root_module',
  });
  expect(job?.workspace).toEqual({ id: workspace.id, name: workspace.name, organization: 'acme' });
  expect(sink.jobs[0]?.jobId).toBe(`alert-${CHANNEL}-${action.id}-${run.id}`);

  // The queued marker expiring must not matter: the alert record is what counts.
  await fx.redis.del(fx.keys.queued({ channelId: CHANNEL, actionId: action.id, runId: run.id }));
  await fx.state.delivery.markSuppressed(
    [{ channelId: CHANNEL, actionId: action.id, runId: run.id }],
    'history',
    new Date(),
  );
  sink.jobs.length = 0;
  await ticks(subscription, 3, 2);
  expect(sink.jobs).toEqual([]);
});

test('a failure committed late, with an invoked-at inside the settle window, is still found', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  await ticks(subscription, 3, 10);
  sim.advanceClock(-20);
  const late = fail();
  sim.advanceClock(20);
  await ticks(subscription, 1, 1);
  expect(alertedRuns()).toEqual([late.id]);
});

test('a run in progress that ends not_successful with an unchanged invoked-at is alerted', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(5);
  const run = fail(action.id, { inProgress: true });
  await ticks(subscription, 2, 2);
  expect(await fx.state.subscription.listPending(subscription.id)).toEqual([
    expect.objectContaining({ actionId: action.id, runId: run.id }),
  ]);
  expect(sink.jobs).toEqual([]);

  // Long after the cursor passed its invoked-at, the run ends: nothing new is invoked.
  await ticks(subscription, 3, 60);
  expect((await fx.state.subscription.getCursor(subscription.id))?.ms).toBeGreaterThan(
    Date.parse(sim.now()) - 60_000,
  );
  sim.finishRun(run.id);
  sim.clearRequests();
  await ticks(subscription, 1, 2);
  expect(alertedRuns()).toEqual([run.id]);
  expect(sim.requests.some((request) => request.query['filter[run][id]'] === run.id)).toBe(true);
  expect(await fx.state.subscription.listPending(subscription.id)).toEqual([]);

  await ticks(subscription, 3, 2);
  expect(alertedRuns()).toEqual([run.id]);
});

test('a run already in progress when the subscription is made, failing later, is alerted', async () => {
  const run = fail(action.id, { inProgress: true });
  sim.advanceClock(120);
  const subscription = await subscribe();
  const baseline = await pollSubscription(subscription, deps());
  expect(baseline.pending).toBe(1);
  await ticks(subscription, 2, 60);
  sim.finishRun(run.id);
  await ticks(subscription, 1);
  expect(alertedRuns()).toEqual([run.id]);
});

test('an idle workspace costs exactly one request per tick', async () => {
  succeed();
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(SETTLE_SECONDS + 5);
  await pollSubscription(subscription, deps());
  sim.clearRequests();
  await ticks(subscription, 5, 1);
  expect(sim.requests).toHaveLength(5);
  expect(
    sim.requests.every((request) => request.path === `/api/v2/workspaces/${workspace.id}/terraform-actions`),
  ).toBe(true);
});

test('inside the settle window, an action whose last invocation was read costs no second read', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  const run = fail();
  await ticks(subscription, 1, 1);
  expect(alertedRuns()).toEqual([run.id]);
  sim.clearRequests();
  await ticks(subscription, 5, 1);
  expect(sim.requests.map((request) => request.path)).toEqual(
    Array(5).fill(`/api/v2/workspaces/${workspace.id}/terraform-actions`),
  );
  // A new invocation moves the action's last-invocation pointer: read again, and found.
  const next = fail();
  await ticks(subscription, 1, 1);
  expect(alertedRuns()).toEqual([run.id, next.id]);
});

test('subscription filters are mapped into the request URLs', async () => {
  const subscription = await subscribe({
    provider: 'aws',
    moduleAddress: 'system:root_module',
    invocationMethods: ['direct'],
    sources: ['tfe-api'],
    invokedBy: ['alice'],
  });
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  const run = fail();
  sim.clearRequests();
  await ticks(subscription, 1, 1);
  expect(alertedRuns()).toEqual([run.id]);
  const cursor = '2026-05-12T14:59:30Z';
  const list = sim.requests.find((request) => request.path.endsWith('/terraform-actions'));
  expect(list?.query).toEqual(
    expect.objectContaining({
      'filter[provider]': 'aws',
      'filter[module_address]': 'system:root_module',
      'filter[last_invocation][invoked_at][gte]': cursor,
    }),
  );
  const summaries = sim.requests.find((request) => request.path.endsWith('/invocations/run-summary'));
  // No status filter: a status the seed does not list must still be seen (it waits like run_in_progress).
  expect(summaries?.query['filter[aggregate_invocation_status]']).toBeUndefined();
  expect(summaries?.query).toEqual(
    expect.objectContaining({
      'filter[invoked_at][gte]': cursor,
      'filter[invocation_method]': 'direct',
      'filter[source]': 'tfe-api',
      'filter[invoked_by]': 'alice',
    }),
  );
});

test('runs invoked by someone in not-by are dropped client-side (system:not_a_user included)', async () => {
  const subscription = await subscribe({ notInvokedBy: ['robot', 'system:not_a_user'] });
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  fail(action.id, { invokedBy: 'robot' });
  fail(action.id, { invokedBy: null });
  const wanted = fail(action.id, { invokedBy: 'alice' });
  await ticks(subscription, 3, 2);
  expect(alertedRuns()).toEqual([wanted.id]);
});

test('a 404 is told to the channel once after five failed ticks, resumed once, and told again on a new outage', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  const cursor = await fx.state.subscription.getCursor(subscription.id);
  sim.injectFault({ match: /\/workspaces\/[^/]+\/terraform-actions$/, status: 404, times: 7 });
  const outcomes: string[] = [];
  for (let i = 0; i < 7; i++) {
    sim.advanceClock(5);
    outcomes.push((await pollSubscription(subscription, deps())).outcome);
    if (i === 3) expect(sink.ofKind('health')).toEqual([]);
  }
  expect(outcomes).toEqual(Array(7).fill('not_found'));
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({
      state: 'failing',
      errorClass: 'not_found',
      channelId: CHANNEL,
      workspaceLabel: `acme/${workspace.name}`,
    }),
  ]);
  expect(await fx.state.subscription.getCursor(subscription.id)).toEqual(cursor);

  await ticks(subscription, 2);
  expect(sink.ofKind('health').map((job) => job.state)).toEqual(['failing', 'resumed']);
  expect(sink.ofKind('health')[1]).toEqual(
    expect.objectContaining({ state: 'resumed', dropped: 0, baselineOnly: false }),
  );
  sim.injectFault({ match: /\/workspaces\/[^/]+\/terraform-actions$/, status: 404, times: 5 });
  await ticks(subscription, 5);
  expect(sink.ofKind('health').map((job) => job.state)).toEqual(['failing', 'resumed', 'failing']);
});

test('failing for five minutes is told even with fewer ticks; 403 is its own class', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  let now = Date.parse('2026-05-12T15:00:00Z');
  const clock = () => now;
  sim.injectFault({ status: 403, times: 3 });
  for (const minutes of [0, 2, 5]) {
    now = Date.parse('2026-05-12T15:00:00Z') + minutes * 60_000;
    sim.advanceClock(5);
    expect((await pollSubscription(subscription, deps({ clock }))).outcome).toBe('unauthorized');
  }
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({ state: 'failing', errorClass: 'forbidden', since: '2026-05-12T15:00:00.000Z' }),
  ]);
});

test('a notice that cannot be enqueued is tried again on the next failed tick', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.injectFault({ status: 401, times: 6 });
  for (let i = 0; i < 4; i++) await ticks(subscription, 1);
  sink.failNext = true;
  await expect(pollSubscription(subscription, deps())).rejects.toThrow('enqueue failed');
  expect(sink.ofKind('health')).toEqual([]);
  await ticks(subscription, 1);
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({ state: 'failing', errorClass: 'unauthorized' }),
  ]);
});

test('a 401 does nothing and reports nothing; a 429 or a 500 is thrown for the queue to handle', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  const cursor = await fx.state.subscription.getCursor(subscription.id);
  sim.advanceClock(60);
  sim.injectFault({ status: 401, times: 1 });
  expect((await pollSubscription(subscription, deps())).outcome).toBe('unauthorized');
  sim.injectFault({ status: 429, retryAfterSeconds: 3, times: 1 });
  await expect(pollSubscription(subscription, deps())).rejects.toMatchObject({
    kind: 'rate_limited',
    retryAfterSeconds: 3,
  });
  sim.injectFault({ status: 500, times: 1 });
  await expect(pollSubscription(subscription, deps())).rejects.toMatchObject({ kind: 'server' });
  expect(await fx.state.subscription.getCursor(subscription.id)).toEqual(cursor);
  expect(sink.jobs).toEqual([]);
});

test('a subscription to a workspace that never existed is told once and keeps no cursor', async () => {
  const subscription = await subscribeDirect(fx.store, CHANNEL, {
    id: 'ws-missing000000',
    name: 'gone',
    organization: 'acme',
  });
  await ticks(subscription, 8);
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({ state: 'failing', errorClass: 'not_found' }),
  ]);
  expect(await fx.state.subscription.getCursor(subscription.id)).toBeNull();
});

test('when enqueuing fails nothing advances, and the next tick finds the same alert', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  const before = await fx.state.subscription.getCursor(subscription.id);
  sim.advanceClock(40);
  const run = fail();
  sink.failNext = true;
  await expect(pollSubscription(subscription, deps())).rejects.toThrow('enqueue failed');
  expect(await fx.state.subscription.getCursor(subscription.id)).toEqual(before);
  await ticks(subscription, 1, 100);
  expect(alertedRuns()).toEqual([run.id]);
});

test('more than three failures in one tick are grouped, chunked by maxBurstItems', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  const runs = Array.from({ length: 5 }, () => fail());
  sim.advanceClock(1);
  await pollSubscription(subscription, deps({ maxBurstItems: 2 }));
  const bursts = sink.ofKind('burst');
  expect(bursts.map((burst) => burst.items.length)).toEqual([2, 2, 1]);
  expect(new Set(alertedRuns())).toEqual(new Set(runs.map((run) => run.id)));
  expect(sink.jobs.every((job) => !job.jobId.includes(':'))).toBe(true);
  expect(sink.ofKind('alert')).toEqual([]);
});

test('every page of moved actions is read: 120 failing actions in one run, grouped by the renderer bound', async () => {
  const many = Array.from({ length: 119 }, (_v, i) =>
    sim.addAction({ workspaceId: workspace.id, address: `action.aws_lambda_invoke.n${i}` }),
  );
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  const run = sim.addRun({ workspaceId: workspace.id });
  for (const each of [action, ...many])
    sim.addInvocation({ actionId: each.id, runId: run.id, finalStatus: 'failed' });
  sim.clearRequests();
  await ticks(subscription, 1, 1);
  const listings = sim.requests.filter((request) => request.path.endsWith('/terraform-actions'));
  expect(listings.map((request) => request.query['page[number]'])).toEqual(['1', '2']);
  expect(alertedRuns()).toHaveLength(120);
  expect(new Set(sink.ofKind('burst').flatMap((burst) => burst.items.map((i) => i.action.id))).size).toBe(
    120,
  );
  expect(sink.ofKind('burst').every((burst) => burst.items.length <= MAX_ALERTS_PER_MESSAGE)).toBe(true);
});

test('three failures in one tick are three single alerts', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  for (let i = 0; i < 3; i++) fail();
  await ticks(subscription, 1, 1);
  expect(sink.ofKind('alert')).toHaveLength(3);
  expect(sink.ofKind('burst')).toHaveLength(0);
});

test('a muted action is suppressed for good, not postponed', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  await fx.mutes.mute(CHANNEL, action.id, 60, 'U0TEST');
  sim.advanceClock(2);
  const run = fail();
  await ticks(subscription, 1, 1);
  expect(sink.jobs).toEqual([]);
  expect(
    await fx.state.delivery.getAlertRecord({ channelId: CHANNEL, actionId: action.id, runId: run.id }),
  ).toEqual(expect.objectContaining({ suppressed: 'muted' }));
  await fx.mutes.unmute(CHANNEL, action.id);
  await ticks(subscription, 3, 2);
  expect(sink.jobs).toEqual([]);
});

test('a successful run after an open alert of the action becomes a recovery job', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  const failed = fail();
  await ticks(subscription, 1, 1);
  const [alert] = sink.ofKind('alert');
  if (!alert) throw new Error('no alert');
  const ref = { channelId: CHANNEL, actionId: action.id, runId: failed.id };
  const invokedAt = alert.item.summary.invokedAt ?? '';
  await fx.state.delivery.recordPosted([
    {
      ref,
      record: {
        channel: CHANNEL,
        ts: '1.000100',
        actionId: action.id,
        runId: failed.id,
        invokedAt,
        postedAt: new Date().toISOString(),
      },
      invokedAtMs: Date.parse(invokedAt),
      ts: '1.000100',
      grouped: false,
      input: JSON.stringify({ item: alert.item, workspace: alert.workspace }),
      claim: { owner: 'test', token: 'x' },
    },
  ]);
  sim.advanceClock(5);
  const recoveredAt = sim.now();
  const ok = succeed();
  await ticks(subscription, 2, 1);
  expect(sink.ofKind('recovery')).toEqual([
    {
      kind: 'recovery',
      channelId: CHANNEL,
      actionId: action.id,
      alertRunId: failed.id,
      recoveredRunId: ok.id,
      recoveredAt,
    },
  ]);
});

test('pending runs that vanish from the filters are dropped, and the pending set is bounded', async () => {
  const subscription = await subscribe();
  await pollSubscription(subscription, deps());
  sim.advanceClock(2);
  fail(action.id, { inProgress: true });
  await ticks(subscription, 1, 1);
  expect(await fx.state.subscription.listPending(subscription.id)).toHaveLength(1);

  const now = Date.now();
  await fx.state.subscription.addPending(
    subscription.id,
    Array.from({ length: 8 }, (_v, i) => ({ actionId: action.id, runId: `run-old${i}` })),
    now - 25 * 3600_000,
  );
  const trimmed = await fx.state.subscription.trimPending(subscription.id, now, 24 * 3600_000, 5000);
  expect(trimmed.expired).toHaveLength(8);
  expect(await fx.state.subscription.listPending(subscription.id)).toHaveLength(1);
});

test('an outage longer than the pending bound: the "resumed" notice names the runs that were dropped', async () => {
  const subscription = await subscribe();
  let now = Date.parse('2026-05-12T15:00:00Z');
  const clock = () => now;
  await pollSubscription(subscription, deps({ clock }));
  sim.advanceClock(2);
  const waiting = fail(action.id, { inProgress: true });
  sim.advanceClock(5);
  await pollSubscription(subscription, deps({ clock }));
  expect(await fx.state.subscription.listPending(subscription.id)).toHaveLength(1);

  sim.injectFault({ status: 401, times: 5 });
  for (let i = 0; i < 5; i++) {
    now += 60_000;
    await pollSubscription(subscription, deps({ clock }));
  }
  now += 25 * 3600_000;
  sim.advanceClock(5);
  await pollSubscription(subscription, deps({ clock }));
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({ state: 'failing', errorClass: 'unauthorized' }),
    expect.objectContaining({ state: 'resumed', dropped: 1, droppedRuns: [waiting.id], baselineOnly: false }),
  ]);
});

test('an outage before the first good poll: the "resumed" notice says the watch starts now', async () => {
  const subscription = await subscribe();
  sim.injectFault({ status: 503, times: 5 });
  for (let i = 0; i < 5; i++)
    await expect(pollSubscription(subscription, deps())).rejects.toMatchObject({ kind: 'server' });
  await ticks(subscription, 1);
  expect(sink.ofKind('health')).toEqual([
    expect.objectContaining({ state: 'failing', errorClass: 'server' }),
    expect.objectContaining({ state: 'resumed', baselineOnly: true }),
  ]);
});
