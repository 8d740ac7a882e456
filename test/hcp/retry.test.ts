import { RateLimitedError, ServerError } from '../../src/hcp/errors.js';
import { BACKOFF_CAP_MS, backoffDelayMs, rateLimitWaitSeconds, retryDelayMs } from '../../src/hcp/retry.js';

describe('backoffDelayMs', () => {
  test('doubles from 250 ms, half fixed and half jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 0))).toEqual([125, 250, 500, 1000]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 0.999999))).toEqual([
      250, 500, 1000, 2000,
    ]);
  });

  test('is capped at 8 s', () => {
    expect(backoffDelayMs(6, () => 0.999999)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(30, () => 0.999999)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(30, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });
});

describe('rateLimitWaitSeconds', () => {
  const now = Date.parse('2026-05-12T15:40:00Z');

  test('Retry-After in seconds first', () => {
    expect(rateLimitWaitSeconds('3', '0.5', now)).toBe(3);
  });

  test('Retry-After as an HTTP date', () => {
    expect(rateLimitWaitSeconds('Tue, 12 May 2026 15:40:07 GMT', null, now)).toBe(7);
    expect(rateLimitWaitSeconds('Tue, 12 May 2026 15:39:00 GMT', null, now)).toBe(0);
  });

  test('X-RateLimit-Reset (fractional seconds) otherwise', () => {
    expect(rateLimitWaitSeconds(null, '0.25', now)).toBe(0.25);
    expect(rateLimitWaitSeconds('soon', '2', now)).toBe(2);
  });

  test('nothing usable: null', () => {
    expect(rateLimitWaitSeconds(null, null, now)).toBeNull();
    expect(rateLimitWaitSeconds('-1', 'x', now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  test('a 429 waits what the server said', () => {
    expect(retryDelayMs(new RateLimitedError('GET /x', 2), 1, () => 0.5)).toBe(2000);
    expect(retryDelayMs(new RateLimitedError('GET /x', 0.25), 4, () => 0.5)).toBe(250);
  });

  test('a 429 without a word from the server, or a 5xx, backs off', () => {
    expect(retryDelayMs(new RateLimitedError('GET /x', null), 2, () => 0)).toBe(250);
    expect(retryDelayMs(new ServerError('GET /x', 503), 3, () => 0)).toBe(500);
  });
});
