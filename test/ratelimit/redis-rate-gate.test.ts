import { Redis } from 'ioredis';
import { createHcpClient } from '../../src/hcp/client.js';
import type { Pacer } from '../../src/hcp/pacing.js';
import { createLogger } from '../../src/logger.js';
import { bucketKey, RedisRateGate } from '../../src/ratelimit/redis-rate-gate.js';
import { startHcpSimulator } from '../support/hcp-simulator/index.js';
import { MemoryLog } from '../support/memory-log.js';
import { freePort } from '../support/redis-server.js';

const TOKEN = 'rate-gate-test.atlasv1.not-a-real-token';
const connections: Redis[] = [];

function connection(url = process.env.TEST_REDIS_URL ?? ''): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on('error', () => undefined);
  connections.push(redis);
  return redis;
}

function gate(redis: Redis, keyPrefix: string, log = new MemoryLog(), configuredLimit?: number) {
  return new RedisRateGate({
    redis,
    keyPrefix,
    token: TOKEN,
    configuredLimit,
    logger: createLogger({ level: 'debug', destination: log }),
  });
}

afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

test('two processes on one token share one bucket: never more than the limit in any second', async () => {
  const [a, b] = [connection(), connection()];
  await Promise.all([a.connect(), b.connect()]);
  const prefix = `gate-shared-${process.pid}:`;
  const gates = [gate(a, prefix), gate(b, prefix)];
  const released: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 40 }, async (_unused, index) => {
      await gates[index % 2]?.take();
      released.push(performance.now());
    }),
  );
  // 30/s announced by nobody: 20/s with a burst of 5, whichever process asks.
  expect(maxInAnySecond(released)).toBeLessThanOrEqual(30);
  expect(performance.now() - started).toBeGreaterThanOrEqual(((40 - 5) / 20) * 1000 - 50);
  const keys = await a.keys(`${prefix}*`);
  expect(keys).toEqual([bucketKey(prefix, TOKEN)]);
  expect(keys.join()).not.toContain(TOKEN);
}, 30_000);

test("the bucket follows the server's X-RateLimit-Limit unless TFE_RATE_LIMIT is set", () => {
  const redis = connection();
  const learning = gate(redis, 'gate-limit:');
  expect(learning.ratePerSecond).toBe(20);
  learning.observeLimit(6);
  expect(learning.ratePerSecond).toBe(4);
  const configured = gate(redis, 'gate-limit:', new MemoryLog(), 9);
  configured.observeLimit(30);
  expect(configured.ratePerSecond).toBe(6);
});

test('while Redis does not answer the process paces itself, warning once', async () => {
  const log = new MemoryLog();
  const dead = gate(connection(`redis://127.0.0.1:${await freePort()}`), 'gate-dead:', log);
  await Promise.all(Array.from({ length: 3 }, () => dead.take()));
  expect(log.lines.filter((line) => line.includes('pacing this process alone'))).toHaveLength(1);
});

test('the transport reports X-RateLimit-Limit to its pacer', async () => {
  const sim = await startHcpSimulator({ token: 'sim-token', rateLimitPerSecond: 3 });
  try {
    sim.loadSeedSamples('list');
    const seen: number[] = [];
    const recording: Pacer = { take: async () => {}, observeLimit: (limit) => seen.push(limit) };
    const client = createHcpClient({
      address: sim.address,
      token: sim.token,
      pacer: recording,
      sleep: async () => {},
    });
    await Promise.allSettled(Array.from({ length: 5 }, () => client.verifyToken()));
    expect(seen).toContain(3);
  } finally {
    await sim.close();
  }
});
