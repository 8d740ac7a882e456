/** When to try a request again: jittered exponential backoff, and the server's own word on 429. */

import { type HcpError, RateLimitedError } from './errors.js';

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 8000;

/**
 * "Equal jitter": half of the exponential step is fixed, half random, so replicas that failed together spread
 * out without any of them retrying at once. `attempt` is the 1-based attempt that just failed.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** The wait before the next attempt after `error`. */
export function retryDelayMs(error: HcpError, attempt: number, random: () => number = Math.random): number {
  if (error instanceof RateLimitedError && error.retryAfterSeconds !== null)
    return Math.ceil(error.retryAfterSeconds * 1000);
  return backoffDelayMs(attempt, random);
}

/**
 * Seconds to wait after a 429: `Retry-After` (seconds or an HTTP date), else `X-RateLimit-Reset` (seconds,
 * possibly fractional, as HCP Terraform sends it), else null.
 */
export function rateLimitWaitSeconds(
  retryAfter: string | null,
  rateLimitReset: string | null,
  nowMs: number = Date.now(),
): number | null {
  const fromRetryAfter = parseRetryAfter(retryAfter, nowMs);
  if (fromRetryAfter !== null) return fromRetryAfter;
  return parseSeconds(rateLimitReset);
}

function parseRetryAfter(value: string | null, nowMs: number): number | null {
  const seconds = parseSeconds(value);
  // Only an HTTP date (it names a day or month); Date.parse alone would read "-1" as a year.
  if (seconds !== null || value === null || !/[A-Za-z]{3}/.test(value)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - nowMs) / 1000);
}

function parseSeconds(value: string | null): number | null {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}
