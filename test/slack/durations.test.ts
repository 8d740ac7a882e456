import { formatDurationSeconds, parseDurationSeconds } from '../../src/slack/durations.js';

test.each<[string, number | undefined]>([
  ['30s', 30],
  ['30m', 1800],
  ['2h', 7200],
  ['7d', 604800],
  ['1w', 604800],
  ['1h30m', 5400],
  ['1W2D3H4M5S', 788645],
  ['0m', 0],
  ['', undefined],
  ['30', undefined],
  ['30m1h', undefined],
  ['1h1h', undefined],
  ['-5m', undefined],
  ['1.5h', undefined],
  ['12345678d', undefined],
])('parseDurationSeconds(%j) = %p', (text, seconds) => {
  expect(parseDurationSeconds(text)).toBe(seconds);
});

test.each([
  [60, '1m'],
  [5400, '90m'],
  [86400, '1d'],
  [1209600, '2w'],
  [61, '61s'],
  [0, '0s'],
])('formatDurationSeconds(%p) = %j, which parses back', (seconds, text) => {
  expect(formatDurationSeconds(seconds)).toBe(text);
  expect(parseDurationSeconds(text)).toBe(seconds);
});

test.each([
  [1209600, '14d'],
  [172800, '2d'],
  [7200, '2h'],
  [90, '90s'],
])('formatDurationSeconds(%p, "d") = %j: no unit above days', (seconds, text) => {
  expect(formatDurationSeconds(seconds, 'd')).toBe(text);
  expect(parseDurationSeconds(text)).toBe(seconds);
});
