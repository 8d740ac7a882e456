/** Time budgets and polling for the demo: every wait is bounded and stops early when the demo is aborted. */

export class Deadline {
  private constructor(private readonly endsAtMs: number) {}

  static after(ms: number): Deadline {
    return new Deadline(Date.now() + ms);
  }

  static never(): Deadline {
    return new Deadline(Number.POSITIVE_INFINITY);
  }

  remainingMs(): number {
    return Math.max(0, this.endsAtMs - Date.now());
  }

  /** The smaller of `ms` and what is left of the budget. */
  cap(ms: number): number {
    return Math.min(ms, this.remainingMs());
  }
}

const POLL_INTERVAL_MS = 100;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Polls `probe` until it returns a value other than undefined; resolves with that value, or with undefined
 * once timeoutMs has passed or the signal aborted.
 */
export async function pollFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T | undefined> {
  const endsAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (signal?.aborted || Date.now() >= endsAt) return undefined;
    await sleep(Math.min(POLL_INTERVAL_MS, endsAt - Date.now()), signal);
  }
}
