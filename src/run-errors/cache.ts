/**
 * Caches findActionError per (run, action) in Redis for as long as the alert records live, so a log is read
 * once per failure and never per click. Concurrent asks, in this process or another, wait for the one read in
 * flight (a short Redis lock) rather than start their own.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ALERT_RECORD_TTL_SECONDS } from '../alerts/delivery-records.js';
import type { AlertKeys } from '../alerts/keys.js';
import { compareAndDelete } from '../alerts/redis-script.js';
import type { FindActionError } from './finder.js';
import { type ActionErrorResult, type ActionTarget, isUnavailable } from './types.js';

/** A timeout or an expired link may not happen again: such answers are kept only this long. */
export const TRANSIENT_TTL_SECONDS = 120;
const LOCK_TTL_MS = 60_000;
const WAIT_STEP_MS = 200;

export interface CachedFinderOptions {
  redis: Redis;
  keys: Pick<AlertKeys, 'prefix'>;
  find: FindActionError;
  /** How long to wait for another process's read before reading anyway. Default: the lock's life. */
  maxWaitMs?: number;
}

export function runErrorKey(keys: Pick<AlertKeys, 'prefix'>, target: ActionTarget): string {
  // Addresses may hold quotes, brackets and spaces; a digest keeps the key short and plain.
  const action = createHash('sha256').update(target.actionAddress).digest('hex').slice(0, 24);
  return `${keys.prefix}runerror:${target.runId}:${action}`;
}

export function createCachedActionErrorFinder(options: CachedFinderOptions): FindActionError {
  const inFlight = new Map<string, Promise<ActionErrorResult>>();
  const maxWaitMs = options.maxWaitMs ?? LOCK_TTL_MS;

  const readThrough = async (target: ActionTarget, key: string): Promise<ActionErrorResult> => {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const cached = await readCached(options.redis, key);
      if (cached !== null) return cached;
      const lockToken = randomBytes(12).toString('hex');
      const locked = await options.redis.set(`${key}:lock`, lockToken, 'PX', LOCK_TTL_MS, 'NX');
      if (locked === 'OK') {
        try {
          const result = await options.find(target);
          const ttl =
            isUnavailable(result) && result.transient ? TRANSIENT_TTL_SECONDS : ALERT_RECORD_TTL_SECONDS;
          await options.redis.set(key, JSON.stringify(result), 'EX', ttl);
          return result;
        } finally {
          await compareAndDelete.run(options.redis, [`${key}:lock`], [lockToken]);
        }
      }
      if (Date.now() >= deadline) return options.find(target);
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  };

  return (target) => {
    const key = runErrorKey(options.keys, target);
    const running = inFlight.get(key);
    if (running) return running;
    const promise = readThrough(target, key).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };
}

async function readCached(redis: Redis, key: string): Promise<ActionErrorResult | null> {
  const text = await redis.get(key);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isResult(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isResult(value: unknown): value is ActionErrorResult {
  if (typeof value !== 'object' || value === null) return false;
  if ('unavailable' in value) return typeof value.unavailable === 'string';
  return 'source' in value && 'diagnostics' in value && Array.isArray(value.diagnostics);
}
