import type { Logger } from '../logger.js';

/** Connection errors repeat on every reconnect attempt; one line per interval is enough. */
export function throttledLog(logger: Logger, message: string, intervalMs = 10_000): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    logger.warn({ err: error.message }, message);
  };
}
