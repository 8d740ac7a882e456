import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PostJobSink, PostJobSpec } from '../../src/alerts/jobs.js';
import type { AlertKeys } from '../../src/alerts/keys.js';
import { createAlertKeys } from '../../src/alerts/keys.js';
import { MuteStore } from '../../src/alerts/mutes.js';
import { AlertState } from '../../src/alerts/state.js';
import { type Subscription, SubscriptionStore } from '../../src/alerts/subscriptions.js';
import type { SubscriptionFilters } from '../../src/alerts/types.js';
import { createLogger, type Logger } from '../../src/logger.js';

export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set (jest globalSetup starts redis-server)');
  return url;
}

/** A key prefix no other test file or run shares. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString('hex')}:`;
}

/** Lines go nowhere unless ALERT_TEST_LOGS is set. */
export function quietLogger(): Logger {
  const level = process.env.ALERT_TEST_LOGS ? 'debug' : 'error';
  return createLogger({
    level,
    destination: {
      write: (line: string) => (process.env.ALERT_TEST_LOGS ? process.stderr.write(line) : true),
    },
  });
}

export interface StateFixture {
  redis: Redis;
  keys: AlertKeys;
  state: AlertState;
  mutes: MuteStore;
  store: SubscriptionStore;
  close(): Promise<void>;
}

export function stateFixture(name: string): StateFixture {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const keys = createAlertKeys(uniquePrefix(name));
  return {
    redis,
    keys,
    state: new AlertState(redis, keys),
    mutes: new MuteStore(redis, keys),
    store: new SubscriptionStore(redis, keys),
    async close() {
      const stale = await redis.keys(`${keys.prefix}*`);
      if (stale.length > 0) await redis.del(...stale);
      await redis.quit();
    },
  };
}

/** Records what the poller would enqueue, keeping only the first job of each ID like BullMQ does. */
export class RecordingSink implements PostJobSink {
  readonly jobs: PostJobSpec[] = [];
  failNext = false;

  async enqueue(jobs: readonly PostJobSpec[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('enqueue failed (test)');
    }
    for (const job of jobs) if (!this.jobs.some((known) => known.jobId === job.jobId)) this.jobs.push(job);
  }

  ofKind<K extends PostJobSpec['data']['kind']>(kind: K): Extract<PostJobSpec['data'], { kind: K }>[] {
    return this.jobs
      .map((job) => job.data)
      .filter((data): data is Extract<PostJobSpec['data'], { kind: K }> => data.kind === kind);
  }
}

export async function subscribeDirect(
  store: SubscriptionStore,
  channelId: string,
  workspace: { id: string; name: string; organization: string },
  filters: SubscriptionFilters = {},
): Promise<Subscription> {
  const { subscription } = await store.upsert({
    channelId,
    workspace,
    filters,
    userId: 'U0TEST',
    now: new Date(),
  });
  return subscription;
}
