import { SlidingWindowLimiter } from '../support/hcp-simulator/rate-limit.js';
import { RequestLog } from '../support/hcp-simulator/recorder.js';
import { formatInstant, parseInstant } from '../support/hcp-simulator/time.js';

describe('RequestLog.maxInWindow', () => {
  function logAt(times: number[]): RequestLog {
    const log = new RequestLog();
    for (const time of times) log.arrive('GET', new URL('http://sim/api/v2/x'), true, time);
    return log;
  }

  test('the busiest half-open window [t, t + w)', () => {
    expect(logAt([0, 100, 900, 1000, 1500]).maxInWindow(1000)).toBe(3);
    expect(logAt([0, 100, 900, 950, 1000, 1500]).maxInWindow(1000)).toBe(4);
    expect(logAt([0, 999]).maxInWindow(1000)).toBe(2);
    expect(logAt([0, 1000]).maxInWindow(1000)).toBe(1);
    expect(logAt([5, 5, 5]).maxInWindow(1)).toBe(3);
    expect(logAt([]).maxInWindow(1000)).toBe(0);
    expect(logAt([1, 2]).maxInWindow(0)).toBe(0);
  });

  test('with a predicate', () => {
    const log = logAt([0, 10, 20]);
    const second = log.entries[1];
    if (second) second.status = 429;
    expect(log.maxInWindow(1000, (entry) => entry.status !== 429)).toBe(2);
  });
});

describe('SlidingWindowLimiter', () => {
  test('admits at most N within any 1 s; refused requests do not count', () => {
    const limiter = new SlidingWindowLimiter(2);
    const admitted = (at: number) => limiter.admit(at).admitted;
    expect([admitted(0), admitted(100), admitted(200), admitted(999)]).toEqual([true, true, false, false]);
    expect(limiter.admit(500)).toEqual({ admitted: false, resetSeconds: 0.5 });
    expect([admitted(1000), admitted(1050), admitted(1100)]).toEqual([true, false, true]);
  });

  test('refuses a limit below 1', () => {
    expect(() => new SlidingWindowLimiter(0)).toThrow(/at least 1/);
  });
});

describe('ISO-8601 instants', () => {
  test.each([
    ['2026-05-12T15:40:00Z', '2026-05-12T15:40:00Z'],
    ['2026-05-12T17:40:00+02:00', '2026-05-12T15:40:00Z'],
    ['2026-05-12T10:40:00-0500', '2026-05-12T15:40:00Z'],
    ['2026-05-12T16:40:00+01', '2026-05-12T15:40:00Z'],
    ['2026-05-12T15:40:00.999Z', '2026-05-12T15:40:00Z'],
    ['2026-05-12T15:40:00,5Z', '2026-05-12T15:40:00Z'],
    ['2026-05-12 15:40:00Z', '2026-05-12T15:40:00Z'],
    ['2026-05-12T15:40Z', '2026-05-12T15:40:00Z'],
    ['2026-05-12T15:40:00', '2026-05-12T15:40:00Z'],
    ['2026-05-12', '2026-05-12T00:00:00Z'],
  ])('%s', (text, expected) => {
    const instant = parseInstant(text);
    expect(instant === null ? null : formatInstant(instant)).toBe(expected);
  });

  test('fractions are kept for comparisons', () => {
    expect(parseInstant('2026-05-12T15:40:00.5Z')).toBe(Date.parse('2026-05-12T15:40:00Z') + 500);
  });

  test.each([
    'yesterday',
    '',
    '2026-5-12',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-05-12T24:00:00Z',
    '2026-05-12T15:40:00 02:00',
    '2026-05-12T15:40:00+2',
    '1747064400',
  ])('%j is refused', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});
