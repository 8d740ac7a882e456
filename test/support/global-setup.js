// Plain JS: jest loads globalSetup outside its module mapper, so the TypeScript helper is imported through tsx.
import { tsImport } from 'tsx/esm/api';

/** One real redis-server for the whole jest run; its URL reaches the test workers through the environment. */
export default async function globalSetup() {
  if (process.env.TEST_REDIS_URL) return;
  const { startRedisServer } = await tsImport('./redis-server.ts', import.meta.url);
  const redis = await startRedisServer();
  process.env.TEST_REDIS_URL = redis.url;
  globalThis.__tfactionsRedis = redis;
}
