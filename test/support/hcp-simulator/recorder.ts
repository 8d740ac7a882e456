import type { RecordedRequest } from './types.js';

/** Every request in arrival order, for assertions on what a client sent and how fast. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  arrive(method: string, url: URL, authorized: boolean, receivedAt: number): RecordedRequest {
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      search: url.search,
      query: Object.fromEntries(url.searchParams.entries()),
      authorized,
      status: 0,
      receivedAt,
    };
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** The most requests that arrived within any half-open window [t, t + windowMs). */
  maxInWindow(windowMs: number, predicate?: (request: RecordedRequest) => boolean): number {
    const times = (predicate ? this.entries.filter(predicate) : this.entries).map(
      (entry) => entry.receivedAt,
    );
    let best = 0;
    let start = 0;
    for (const [end, endTime] of times.entries()) {
      while (start <= end && (times[start] ?? endTime) <= endTime - windowMs) start += 1;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
