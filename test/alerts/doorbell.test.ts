import { jest } from '@jest/globals';
import type { Job, Queue } from 'bullmq';
import { createDoorbell, DOORBELL_WINDOW_MS, type Doorbell } from '../../src/alerts/doorbell.js';
import { createOrgKeys, organizationJobKey } from '../../src/alerts/org-keys.js';
import { createPollQueue, type PollJobData, upsertPollScheduler } from '../../src/alerts/queue.js';
import { doorbellKeys, forgetLastWebhook, readLastWebhooks } from '../../src/alerts/webhook-arrivals.js';
import { postNotification, runNotificationBody } from '../support/hcp-notification-signer.js';
import { type NotificationEndpoint, serveDoorbell } from '../support/notification-endpoint.js';
import { until } from './harness.js';
import { type StateFixture, stateFixture, subscribeDirect, testRedisUrl } from './helpers.js';

const WS_A = { id: 'ws-DoorbellAAAA0001', name: 'payments', organization: 'acme' };
const WS_B = { id: 'ws-DoorbellBBBB0002', name: 'ledger', organization: 'acme' };
const UNWATCHED = 'ws-NobodyWatches0003';
const TOKEN = 'test-notification-token-not-real-doorbell';

let fixture: StateFixture;
let queue: Queue<PollJobData>;
let doorbell: Doorbell;

beforeEach(async () => {
  fixture = stateFixture('doorbell');
  queue = createPollQueue(testRedisUrl(), fixture.keys, 'producer');
  await queue.waitUntilReady();
  doorbell = createDoorbell({ redis: fixture.redis, keys: fixture.keys, pollQueue: queue });
  await subscribeDirect(fixture.store, 'C0DOORONE', WS_A);
  await subscribeDirect(fixture.store, 'C0DOORTWO', WS_A);
  await subscribeDirect(fixture.store, 'C0DOORTWO', WS_B);
});

afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await fixture.close();
});

/** A doorbell whose clock stands still at `at`. */
function doorbellAt(at: number): Doorbell {
  return createDoorbell({ redis: fixture.redis, keys: fixture.keys, pollQueue: queue, clock: () => at });
}

async function webhookPolls(): Promise<Job<PollJobData>[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  return jobs.filter((job) => job.id?.includes('-webhook-'));
}

function pollsBySubscription(jobs: readonly Job<PollJobData>[]): Map<string, Job<PollJobData>[]> {
  const grouped = new Map<string, Job<PollJobData>[]>();
  for (const job of jobs)
    grouped.set(job.data.subscriptionId, [...(grouped.get(job.data.subscriptionId) ?? []), job]);
  return grouped;
}

test('a run event polls every subscription of the workspace at once, and only those', async () => {
  const ring = await doorbell.ring(WS_A.id);
  const expected = [`C0DOORONE-${WS_A.id}`, `C0DOORTWO-${WS_A.id}`];
  expect(ring).toEqual({ covering: expected, enqueued: expected });
  const jobs = await webhookPolls();
  expect(jobs.map((job) => job.data.subscriptionId).sort()).toEqual(expected);
  for (const job of jobs) {
    expect(job.name).toBe('poll');
    expect(job.id).not.toContain(':');
    expect(job.opts.delay ?? 0).toBe(0);
  }
});

test('the enqueued job is the one the scheduler runs: same name, same data', async () => {
  const subscriptionId = `C0DOORONE-${WS_A.id}`;
  await upsertPollScheduler(queue, subscriptionId, 300);
  const scheduler = await queue.getJobScheduler(`poll-${subscriptionId}`);
  await doorbell.ring(WS_A.id);
  const [polled] = (await webhookPolls()).filter((job) => job.data.subscriptionId === subscriptionId);
  expect(polled?.name).toBe(scheduler?.name);
  expect(polled?.data).toEqual(scheduler?.template?.data);
});

test('the arrival is recorded per subscription, with a reader for display', async () => {
  const at = Date.parse('2026-11-29T12:00:00.000Z');
  const clocked = doorbellAt(at);
  await clocked.ring(WS_A.id);
  const ids = [`C0DOORONE-${WS_A.id}`, `C0DOORTWO-${WS_A.id}`, `C0DOORTWO-${WS_B.id}`];
  const arrivals = await readLastWebhooks(fixture.redis, fixture.keys, ids);
  expect(Object.fromEntries(arrivals)).toEqual({
    [`C0DOORONE-${WS_A.id}`]: '2026-11-29T12:00:00.000Z',
    [`C0DOORTWO-${WS_A.id}`]: '2026-11-29T12:00:00.000Z',
  });
  expect(await readLastWebhooks(fixture.redis, fixture.keys, [])).toEqual(new Map());
  await forgetLastWebhook(fixture.redis, fixture.keys, `C0DOORONE-${WS_A.id}`);
  expect([...(await readLastWebhooks(fixture.redis, fixture.keys, ids)).keys()]).toEqual([
    `C0DOORTWO-${WS_A.id}`,
  ]);
});

test('a workspace nobody subscribes to costs one Redis read and enqueues nothing', async () => {
  const sent = jest.spyOn(fixture.redis, 'sendCommand');
  try {
    expect(await doorbell.ring(UNWATCHED)).toEqual({ covering: [], enqueued: [] });
    expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['smembers']);
  } finally {
    sent.mockRestore();
  }
  expect(await webhookPolls()).toEqual([]);
  expect(await fixture.redis.exists(doorbellKeys(fixture.keys).lastWebhook)).toBe(0);
});

test('a workspace ID that does not match ws- is refused before any Redis work', async () => {
  const sent = jest.spyOn(fixture.redis, 'sendCommand');
  try {
    await expect(doorbell.ring('ws-../../x')).rejects.toThrow(RangeError);
    expect(sent).not.toHaveBeenCalled();
  } finally {
    sent.mockRestore();
  }
});

test('within the window a second ring enqueues nothing; the job ID holds even if the gate key is lost', async () => {
  const at = Date.parse('2026-11-29T12:00:00.250Z');
  const clocked = doorbellAt(at);
  expect((await clocked.ring(WS_A.id)).enqueued).toHaveLength(2);
  expect((await clocked.ring(WS_A.id)).enqueued).toEqual([]);
  const keys = doorbellKeys(fixture.keys);
  await fixture.redis.del(keys.pollGate(`C0DOORONE-${WS_A.id}`), keys.pollGate(`C0DOORTWO-${WS_A.id}`));
  await clocked.ring(WS_A.id);
  expect(await webhookPolls()).toHaveLength(2);
  const ttl = await fixture.redis.pttl(keys.pollGate(`C0DOORONE-${WS_A.id}`));
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(DOORBELL_WINDOW_MS);
});

test('when the poll cannot be enqueued the ring fails and leaves the window open for the next webhook', async () => {
  const closed = createPollQueue(testRedisUrl(), fixture.keys, 'producer');
  await closed.close();
  const broken = createDoorbell({ redis: fixture.redis, keys: fixture.keys, pollQueue: closed });
  await expect(broken.ring(WS_A.id)).rejects.toThrow();
  const keys = doorbellKeys(fixture.keys);
  expect(await fixture.redis.exists(keys.pollGate(`C0DOORONE-${WS_A.id}`))).toBe(0);
  expect((await doorbell.ring(WS_A.id)).enqueued).toHaveLength(2);
});

test('a flood of rings for one workspace: at most one poll per subscription per second', async () => {
  const started = Date.now();
  for (let wave = 0; wave < 10; wave += 1)
    await Promise.all(Array.from({ length: 30 }, () => doorbell.ring(WS_A.id)));
  const elapsedMs = Date.now() - started;
  const grouped = pollsBySubscription(await webhookPolls());
  expect([...grouped.keys()].sort()).toEqual([`C0DOORONE-${WS_A.id}`, `C0DOORTWO-${WS_A.id}`]);
  for (const jobs of grouped.values()) {
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.length).toBeLessThanOrEqual(Math.floor(elapsedMs / DOORBELL_WINDOW_MS) + 1);
    const seconds = jobs.map((job) => job.id?.split('-webhook-')[1]);
    expect(new Set(seconds).size).toBe(jobs.length);
  }
});

describe('through the HTTP endpoint', () => {
  let endpoint: NotificationEndpoint;
  let url: string;

  beforeEach(async () => {
    endpoint = await serveDoorbell(doorbell, TOKEN);
    url = endpoint.url;
  });

  afterEach(() => endpoint.close());

  test('200 signed webhooks for one workspace: every one answered 200, at most one poll per subscription per second', async () => {
    const body = runNotificationBody({ workspaceId: WS_A.id });
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => postNotification(url, body, { token: TOKEN })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await until(async () => (await webhookPolls()).length >= 2, 10_000, 'the webhook polls');
    // Rings still running after the last answer are bounded by the same window.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const elapsedMs = Date.now() - started;
    const grouped = pollsBySubscription(await webhookPolls());
    expect([...grouped.keys()].sort()).toEqual([`C0DOORONE-${WS_A.id}`, `C0DOORTWO-${WS_A.id}`]);
    for (const jobs of grouped.values())
      expect(jobs.length).toBeLessThanOrEqual(Math.floor(elapsedMs / DOORBELL_WINDOW_MS) + 1);
  });

  test('a signed webhook for an unwatched workspace or with a bad workspace ID enqueues nothing', async () => {
    expect(
      (await postNotification(url, runNotificationBody({ workspaceId: UNWATCHED }), { token: TOKEN })).status,
    ).toBe(200);
    expect(
      (await postNotification(url, runNotificationBody({ workspaceId: 'ws-bad/id' }), { token: TOKEN }))
        .status,
    ).toBe(400);
    expect(
      (await postNotification(url, runNotificationBody({ workspaceId: WS_A.id }), { signature: null }))
        .status,
    ).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await webhookPolls()).toEqual([]);
    expect(await fixture.redis.exists(doorbellKeys(fixture.keys).lastWebhook)).toBe(0);
  });
});

describe('organization subscriptions', () => {
  const ORGANIZATION = 'globex';
  const ORG_SUBSCRIPTION = 'C0DOORORG-org-0123456789ab';

  /** What subscribeOrganization leaves in the organization's index, the only thing the doorbell reads of it. */
  async function subscribeOrganizationIndex(): Promise<void> {
    await fixture.redis.sadd(
      createOrgKeys(fixture.keys).organizationSubscriptions(ORGANIZATION),
      ORG_SUBSCRIPTION,
    );
  }

  test("a run event of a subscribed organization enqueues that organization's cycle once per window and records the webhook", async () => {
    await subscribeOrganizationIndex();
    const at = Date.now();
    const first = await doorbellAt(at).ring(UNWATCHED, ORGANIZATION);
    expect(first).toEqual({ covering: [ORG_SUBSCRIPTION], enqueued: [organizationJobKey(ORGANIZATION)] });
    expect(await doorbellAt(at + 10).ring(UNWATCHED, ORGANIZATION)).toEqual({
      covering: [ORG_SUBSCRIPTION],
      enqueued: [],
    });
    const jobs = await webhookPolls();
    expect(jobs.map((job) => job.data)).toEqual([
      { subscriptionId: organizationJobKey(ORGANIZATION), organization: ORGANIZATION },
    ]);
    expect([...(await readLastWebhooks(fixture.redis, fixture.keys, [ORG_SUBSCRIPTION])).keys()]).toEqual([
      ORG_SUBSCRIPTION,
    ]);
  });

  test('a workspace covered both ways polls its workspace subscriptions and its organization', async () => {
    await subscribeOrganizationIndex();
    const ring = await doorbell.ring(WS_B.id, ORGANIZATION);
    expect(ring.covering).toEqual([`C0DOORTWO-${WS_B.id}`, ORG_SUBSCRIPTION]);
    expect(ring.enqueued).toEqual([`C0DOORTWO-${WS_B.id}`, organizationJobKey(ORGANIZATION)]);
  });

  test('an organization nobody subscribes to costs one Redis read more and enqueues nothing', async () => {
    const sent = jest.spyOn(fixture.redis, 'sendCommand');
    try {
      expect(await doorbell.ring(UNWATCHED, 'initech')).toEqual({ covering: [], enqueued: [] });
      expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['smembers', 'smembers']);
    } finally {
      sent.mockRestore();
    }
    expect(await webhookPolls()).toEqual([]);
  });
});
