import { parseInstant, type TimeBound } from '../../../src/slack/command/time.js';

const NOW = new Date('2026-05-12T12:00:00.400Z');

test.each<[string, TimeBound, string]>([
  ['2026-05-12', 'gt', '2026-05-12T00:00:00Z'],
  ['2026-05-12T15:40:00Z', 'gte', '2026-05-12T15:40:00Z'],
  ['2026-05-12t15:40z', 'lt', '2026-05-12T15:40:00Z'],
  ['2026-05-12T15:40:00', 'lte', '2026-05-12T15:40:00Z'],
  ['2026-05-12T15:40:00+02:00', 'gt', '2026-05-12T13:40:00Z'],
  ['2026-05-12T01:40:00-0530', 'gt', '2026-05-12T07:10:00Z'],
  ['2026-05-12T15:40:00.123456789Z', 'gt', '2026-05-12T15:40:00Z'],
  ['2026-05-12T15:40:00.123Z', 'gte', '2026-05-12T15:40:01Z'],
  ['2026-05-12T15:40:00.5Z', 'lt', '2026-05-12T15:40:01Z'],
  ['2026-05-12T15:40:00.5Z', 'lte', '2026-05-12T15:40:00Z'],
  ['2024-02-29', 'gt', '2024-02-29T00:00:00Z'],
  ['30m', 'gt', '2026-05-12T11:30:00Z'],
  ['30m', 'gte', '2026-05-12T11:30:01Z'],
  ['1d', 'lte', '2026-05-11T12:00:00Z'],
])('parseInstant(%j, %s) = %s', (text, bound, iso) => {
  expect(parseInstant(text, NOW, bound)).toEqual({ ok: true, iso });
});

test.each([
  ['yesterday', 'is not an ISO-8601 time'],
  ['2026-5-12', 'is not an ISO-8601 time'],
  ['2026-05-12T15', 'is not an ISO-8601 time'],
  ['1715528400', 'is not an ISO-8601 time'],
  ['2025-02-29', 'is not a real date'],
  ['2026-13-01', 'is not a real date'],
  ['2026-05-12T24:00:00Z', 'is not a real date'],
  ['2026-05-12T15:60:00Z', 'is not a real date'],
  ['2026-05-12T15:40:00+24:00', 'is not a real date'],
  ['1969-12-31T23:59:59Z', 'is outside 1970 to 9999'],
  ['1970-01-01T00:30:00+01:00', 'is outside 1970 to 9999'],
  ['9999-12-31T23:59:59-01:00', 'is outside 1970 to 9999'],
  ['9999999w', 'is outside 1970 to 9999'],
])('parseInstant refuses %j', (text, reason) => {
  const result = parseInstant(text, NOW, 'gt');
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toContain(reason);
});

test('a relative time with an invalid now is refused, not thrown', () => {
  expect(parseInstant('1h', new Date(Number.NaN), 'gt').ok).toBe(false);
});
