import { App } from '@slack/bolt';
import { Redis } from 'ioredis';
import fetch from 'node-fetch';

test('environment', async () => {
  const redis = new Redis(process.env.TEST_REDIS_URL!);
  expect(await redis.ping()).toBe('PONG');
  redis.disconnect();
  expect(typeof fetch).toBe('function');
  expect(typeof App).toBe('function');
});
