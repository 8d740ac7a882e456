import { createPacer, DEFAULT_PACING, defaultPacer } from '../../src/hcp/pacing.js';

/** A clock that only moves when the pacer sleeps; records every send time. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Sleeps resolve only when runAll() moves the clock to them, in time order. */
function manualClock() {
  let now = 0;
  const pending: Array<{ at: number; resolve: () => void }> = [];
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: (ms: number) => new Promise<void>((resolve) => pending.push({ at: now + ms, resolve })),
    async runAll() {
      await flush();
      while (pending.length > 0) {
        pending.sort((a, b) => a.at - b.at);
        const next = pending.shift();
        if (!next) break;
        now = Math.max(now, next.at);
        next.resolve();
        await flush();
      }
    },
  };
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    const start = times[i] ?? 0;
    best = Math.max(best, times.filter((t) => t >= start && t < start + windowMs).length);
  }
  return best;
}

describe('token bucket', () => {
  test('a burst goes at once, then one request per 1/rate seconds', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ ratePerSecond: 20, burst: 9, ...clock });
    const sent: number[] = [];
    for (let i = 0; i < 12; i++) {
      await pacer.take();
      sent.push(clock.now());
    }
    expect(sent).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 100, 150]);
  });

  test('100 sequential takes never exceed rate + burst in any second', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ ratePerSecond: 20, burst: 9, ...clock });
    const sent: number[] = [];
    for (let i = 0; i < 100; i++) {
      await pacer.take();
      sent.push(clock.now());
    }
    expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(29);
    expect(sent.at(-1)).toBe((100 - 9) * 50);
  });

  test('concurrent takes are served in order, each reserving its own slot', async () => {
    const clock = manualClock();
    const pacer = createPacer({ ratePerSecond: 10, burst: 2, now: clock.now, sleep: clock.sleep });
    const sent: Array<[number, number]> = [];
    const takes = Array.from({ length: 5 }, (_, index) =>
      pacer.take().then(() => sent.push([index, clock.now()])),
    );
    await clock.runAll();
    await Promise.all(takes);
    expect(sent).toEqual([
      [0, 0],
      [1, 0],
      [2, 100],
      [3, 200],
      [4, 300],
    ]);
    // 1000 ms later the debt is repaid and the bucket refilled to its burst of 2.
    clock.advance(1000);
    const later: number[] = [];
    const again = [pacer.take(), pacer.take(), pacer.take()].map((take) =>
      take.then(() => later.push(clock.now() - 1300)),
    );
    await clock.runAll();
    await Promise.all(again);
    expect(later).toEqual([0, 0, 100]);
  });

  test('a timer that fires early is waited out', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = createPacer({
      ratePerSecond: 20,
      burst: 1,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += waits.length === 1 ? ms - 3 : ms;
      },
    });
    await pacer.take();
    await pacer.take();
    expect(now).toBeGreaterThanOrEqual(50);
    expect(waits).toEqual([50, 3]);
  });

  test('an idle bucket refills up to the burst only', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ ratePerSecond: 20, burst: 3, ...clock });
    clock.advance(60_000);
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pacer.take();
      sent.push(clock.now() - 60_000);
    }
    expect(sent).toEqual([0, 0, 0, 50, 100]);
  });

  test('options are checked; the default is 20/s with a burst of 9', () => {
    expect(() => createPacer({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createPacer({ ratePerSecond: 5, burst: 0 })).toThrow(RangeError);
    expect(DEFAULT_PACING).toEqual({ ratePerSecond: 20, burst: 5 });
    expect(typeof defaultPacer.take).toBe('function');
  });
});
