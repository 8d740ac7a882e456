/**
 * Client-side pacing of HCP Terraform requests: a token bucket, so the bot stays under the API's per-token
 * rate limit (30 requests/s unless the server says otherwise) instead of discovering it through 429s. This is
 * the port; the runtime plugs in a bucket shared through Redis by every process using the token.
 */

export interface Pacer {
  /** Resolves when the caller may send one request. Callers are served in the order they asked. */
  take(): Promise<void>;
  /** The server's X-RateLimit-Limit (requests/s), reported whenever an answer carried one. */
  observeLimit?(limitPerSecond: number): void;
}

/** HCP Terraform's documented limit per token, when the server has not said otherwise. */
export const HCP_RATE_LIMIT_PER_SECOND = 30;

/**
 * Two thirds of the server's limit, leaving room for the user's other tools on the same token; a burst of a
 * sixth keeps any one second (burst + rate) under five sixths of the limit, with room for timer lag.
 */
export function pacingFor(limitPerSecond: number): { ratePerSecond: number; burst: number } {
  return {
    ratePerSecond: (limitPerSecond * 2) / 3,
    burst: Math.max(1, Math.floor(limitPerSecond / 6)),
  };
}

export interface PacerOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet period. */
  burst: number;
  /** Milliseconds on a monotonic clock; injectable for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACING = pacingFor(HCP_RATE_LIMIT_PER_SECOND);

export function createPacer(options: PacerOptions): Pacer {
  const { ratePerSecond, burst } = options;
  if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0))
    throw new RangeError('ratePerSecond must be a positive number');
  if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError('burst must be a whole number >= 1');
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const msPerToken = 1000 / ratePerSecond;

  let tokens = burst;
  let refilledAt = now();

  // Reserving a token up front (the balance may go negative) keeps concurrent waiters in FIFO order without
  // a queue: each caller learns at once when its own token will have been refilled.
  const reserve = (): number => {
    const at = now();
    tokens = Math.min(burst, tokens + (at - refilledAt) / msPerToken);
    refilledAt = at;
    tokens -= 1;
    return tokens >= 0 ? at : at + -tokens * msPerToken;
  };

  return {
    async take() {
      const readyAt = reserve();
      // Timers may fire a little early (Node measures them from a cached loop time): check, and wait out the rest.
      for (let left = readyAt - now(); left > 0; left = readyAt - now()) await sleep(Math.ceil(left));
    },
  };
}

/** A pacer that never waits (tests, tools that do their own pacing). */
export const unpaced: Pacer = { take: async () => {} };

/** The process-wide bucket every HcpClient uses unless given another. */
export const defaultPacer: Pacer = createPacer(DEFAULT_PACING);

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
