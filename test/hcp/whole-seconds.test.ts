import { toServerTime, wholeSecondIso } from '../../src/hcp/whole-seconds.js';

test.each([
  [Date.UTC(2026, 4, 12, 15, 40, 0, 0), '2026-05-12T15:40:00Z'],
  [Date.UTC(2026, 4, 12, 15, 40, 0, 999), '2026-05-12T15:40:00Z'],
  [Date.UTC(1970, 0, 1), '1970-01-01T00:00:00Z'],
  [Date.UTC(9999, 11, 31, 23, 59, 59, 500), '9999-12-31T23:59:59Z'],
])('wholeSecondIso(%p) = %s: the fraction is dropped', (milliseconds, iso) => {
  expect(wholeSecondIso(milliseconds)).toBe(iso);
});

test('the Date header becomes the server time in whole seconds, and a bad one none', () => {
  expect(toServerTime('Tue, 12 May 2026 15:40:07 GMT')).toBe('2026-05-12T15:40:07Z');
  expect(toServerTime('not a date')).toBeNull();
  expect(toServerTime(null)).toBeNull();
});
