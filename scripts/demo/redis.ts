import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisServerAvailable, startRedisServer } from '../../test/support/redis-server.js';
import type { Narrator } from './output.js';

/** A setup problem the person running the demo can fix; the message says how. */
export class DemoSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSetupError';
  }
}

export interface DemoRedis {
  readonly url: string;
  /** True when the demo has this Redis to itself (and flushed it). */
  readonly private: boolean;
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** Where the private server's URL is noted while it runs. */
const MARKER_FILE = 'demo-server-url';

export const MISSING_REDIS_MESSAGE = [
  'The demo needs Redis, and redis-server is not on PATH.',
  '  Debian/Ubuntu: sudo apt-get install redis-server',
  '  macOS:         brew install redis',
  'Or point the demo at a Redis you already run: REDIS_URL=redis://host:6379 npm run demo',
].join('\n');

/**
 * A throwaway Redis the caller handed over (flushed), the user's REDIS_URL as is (never flushed), or a
 * private redis-server with its data under .data/redis, flushed so each run starts clean.
 */
export async function provideRedis(
  source: { throwawayUrl?: string | undefined; userUrl?: string | undefined },
  repoRoot: string,
  narrator: Narrator,
): Promise<DemoRedis> {
  const { throwawayUrl, userUrl } = source;
  if (throwawayUrl) {
    await connect(throwawayUrl, true);
    narrator.info(`Using the Redis at ${redactUrl(throwawayUrl)} (flushed for this run).`);
    return { url: throwawayUrl, private: true, stop: async () => undefined };
  }
  if (userUrl) {
    await connect(userUrl, false);
    narrator.info(
      `Using REDIS_URL=${redactUrl(userUrl)}. Nothing is flushed; the demo writes tfactions keys (tfa:*) there and leaves them.`,
    );
    return { url: userUrl, private: false, stop: async () => undefined };
  }
  if (!redisServerAvailable()) throw new DemoSetupError(MISSING_REDIS_MESSAGE);
  const dataDir = join(repoRoot, '.data', 'redis');
  mkdirSync(dataDir, { recursive: true });
  const marker = join(dataDir, MARKER_FILE);
  await shutDownStaleServer(marker, dataDir);
  const server = await startRedisServer({ dataDir });
  writeFileSync(marker, `${server.url}\n`);
  const stop = async () => {
    await server.stop();
    rmSync(marker, { force: true });
  };
  try {
    await connect(server.url, true);
  } catch (error) {
    await stop();
    throw error;
  }
  narrator.info(
    `Started a private redis-server on ${server.url} (data in .data/redis, flushed for this run).`,
  );
  return { url: server.url, private: true, stop };
}

function client(url: string, connectTimeout: number): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  return redis;
}

async function connect(url: string, flush: boolean): Promise<void> {
  const redis = client(url, CONNECT_TIMEOUT_MS);
  try {
    await redis.connect();
    await redis.ping();
    if (flush) await redis.flushall();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DemoSetupError(`Redis at ${redactUrl(url)} does not answer (${reason}).`);
  } finally {
    redis.disconnect();
  }
}

/**
 * A demo killed hard (SIGKILL) cannot stop its redis-server. The next run finds its URL in the marker and
 * shuts it down, but only if that server really keeps its data in our directory.
 */
async function shutDownStaleServer(marker: string, dataDir: string): Promise<void> {
  let url: string;
  try {
    url = readFileSync(marker, 'utf8').trim();
  } catch {
    return;
  }
  rmSync(marker, { force: true });
  const redis = client(url, 1_000);
  try {
    await redis.connect();
    const [, dir] = (await redis.config('GET', 'dir')) as [string, string];
    if (dir === dataDir) await redis.shutdown('NOSAVE').catch(() => undefined);
  } catch {
    // Nothing answers there any more.
  } finally {
    redis.disconnect();
  }
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'the given REDIS_URL';
  }
}
