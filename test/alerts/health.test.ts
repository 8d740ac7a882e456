import { Redis } from 'ioredis';
import { FAILING_AFTER_TICKS, HealthStore } from '../../src/alerts/health.js';
import { type StateFixture, stateFixture, subscribeDirect, testRedisUrl } from './helpers.js';

let fx: StateFixture;
let replica: Redis;

beforeEach(() => {
  fx = stateFixture('health');
  replica = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
});

afterEach(async () => {
  await replica.quit();
  await fx.close();
});

const workspace = { id: 'ws-health00001', name: 'net', organization: 'acme' };

test('two replicas failing the same subscription at once: exactly one of them tells the channel', async () => {
  const { id } = await subscribeDirect(fx.store, 'C0HEALTH', workspace);
  const stores = [new HealthStore(fx.redis, fx.keys), new HealthStore(replica, fx.keys)];
  const verdicts = await Promise.all(
    Array.from({ length: 4 * FAILING_AFTER_TICKS }, (_v, i) =>
      stores[i % 2]?.recordFailure(
        id,
        1_000 + i,
        'unauthorized',
        'HCP Terraform rejected the API token (401)',
      ),
    ),
  );
  expect(verdicts.filter((verdict) => verdict === 'notify')).toHaveLength(1);
  const resumed = await Promise.all(stores.map((store) => store.recordSuccess(id, 5_000)));
  expect(resumed.filter((verdict) => verdict.resumed)).toEqual([
    { resumed: true, failingSinceMs: expect.any(Number) },
  ]);
  expect(await stores[0]?.failingIds()).toEqual([]);
});

test('health of a removed subscription is not recreated, and unsubscribing clears it', async () => {
  const health = new HealthStore(fx.redis, fx.keys);
  const { id } = await subscribeDirect(fx.store, 'C0HEALTH', workspace);
  for (let i = 0; i < FAILING_AFTER_TICKS; i++) await health.recordFailure(id, 1_000, 'server', '503');
  await health.markChannelUnreachable('C0HEALTH', 'not_in_channel', 2_000);
  expect(await health.countFailing()).toBe(1);
  // A good tick clears the poll error but not the channel's: still failing until the bot is back.
  await health.recordSuccess(id, 3_000);
  expect(await health.failingIds()).toEqual([id]);
  await health.clearChannelUnreachable('C0HEALTH');
  expect(await health.failingIds()).toEqual([]);

  for (let i = 0; i < FAILING_AFTER_TICKS; i++) await health.recordFailure(id, 4_000, 'server', '503');
  expect(await health.countFailing()).toBe(1);
  await fx.store.remove('C0HEALTH', workspace.id);
  expect(await health.countFailing()).toBe(0);
  expect(await health.recordFailure(id, 5_000, 'server', '503')).toBe('quiet');
  expect(await fx.redis.exists(fx.keys.health(id))).toBe(0);
});
