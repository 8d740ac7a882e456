export type Admission = { admitted: true } | { admitted: false; resetSeconds: number };

/** At most `limit` admitted requests within any sliding window of `windowMs`; refused ones don't count. */
export class SlidingWindowLimiter {
  private admittedAt: number[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
  ) {
    if (!(limit >= 1)) throw new Error(`rateLimitPerSecond must be at least 1, not ${limit}`);
  }

  admit(nowMs: number): Admission {
    const windowStart = nowMs - this.windowMs;
    let expired = 0;
    while (expired < this.admittedAt.length && (this.admittedAt[expired] ?? 0) <= windowStart) expired += 1;
    if (expired > 0) this.admittedAt = this.admittedAt.slice(expired);
    if (this.admittedAt.length < this.limit) {
      this.admittedAt.push(nowMs);
      return { admitted: true };
    }
    const oldest = this.admittedAt[0] ?? nowMs;
    return { admitted: false, resetSeconds: Math.max(0, oldest + this.windowMs - nowMs) / 1000 };
  }
}
