import type { Queue } from 'bullmq';
import { createDoorbell } from '../../src/alerts/doorbell.js';
import { createPollQueue, type PollJobData } from '../../src/alerts/queue.js';
import { doorbellKeys, forgetLastWebhook } from '../../src/alerts/webhook-arrivals.js';
import { createWebhookFollowUp, type WebhookFollowUp } from '../../src/alerts/webhook-follow-up.js';
import { type StateFixture, stateFixture, subscribeDirect, testRedisUrl } from './helpers.js';

const WS = { id: 'ws-FollowUpAAAA0001', name: 'payments', organization: 'acme' };
const SUBSCRIPTION = `C0FOLLOW-${WS.id}`;

let fixture: StateFixture;
let queue: Queue<PollJobData>;
let followUp: WebhookFollowUp;

beforeEach(async () => {
  fixture = stateFixture('followup');
  queue = createPollQueue(testRedisUrl(), fixture.keys, 'producer');
  await queue.waitUntilReady();
  followUp = createWebhookFollowUp({ redis: fixture.redis, keys: fixture.keys, pollQueue: queue });
  await subscribeDirect(fixture.store, 'C0FOLLOW', WS);
});

afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await fixture.close();
});

async function followUps(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  return jobs.map((job) => job.id ?? '').filter((id) => id.includes('-webhook-after-'));
}

const ring = () => createDoorbell({ redis: fixture.redis, keys: fixture.keys, pollQueue: queue }).ring(WS.id);

test('a poll during which no webhook arrived enqueues nothing', async () => {
  await ring();
  await followUp.takeMark(SUBSCRIPTION);
  expect(await followUp.followUpIfRung(SUBSCRIPTION, 'token-one')).toBe(false);
  expect(await followUps()).toEqual([]);
});

test('a webhook during the poll: one follow-up poll of that subscription, the same data as the scheduler', async () => {
  await followUp.takeMark(SUBSCRIPTION);
  await ring();
  expect(await followUp.followUpIfRung(SUBSCRIPTION, 'token-two')).toBe(true);
  expect(await followUp.followUpIfRung(SUBSCRIPTION, 'token-two')).toBe(true);
  const ids = await followUps();
  expect(ids).toEqual([`poll-${SUBSCRIPTION}-webhook-after-tokentwo`]);
  const [job] = await queue
    .getJobs(['waiting'])
    .then((jobs) => jobs.filter((one) => ids.includes(one.id ?? '')));
  expect(job?.data).toEqual({ subscriptionId: SUBSCRIPTION });
});

test('the mark stays until a poll starts, and unsubscribe forgets it', async () => {
  await ring();
  const unseen = doorbellKeys(fixture.keys).unseen(SUBSCRIPTION);
  expect(await fixture.redis.exists(unseen)).toBe(1);
  expect(await fixture.redis.ttl(unseen)).toBeGreaterThan(0);
  await forgetLastWebhook(fixture.redis, fixture.keys, SUBSCRIPTION);
  expect(await fixture.redis.exists(unseen)).toBe(0);
});
