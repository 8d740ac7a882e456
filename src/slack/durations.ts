/** Durations as `/tfactions` writes them (`30m`, `2h`, `7d`, `1w`, `1h30m`) and as buttons label them. */

export type DurationUnit = 'w' | 'd' | 'h' | 'm' | 's';

const UNITS: readonly (readonly [DurationUnit, number])[] = [
  ['w', 604_800],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

// Units in descending order, each at most once: 2h, 1h30m, 1w2d, 90s.
const DURATION = /^(?:(\d{1,7})w)?(?:(\d{1,7})d)?(?:(\d{1,7})h)?(?:(\d{1,7})m)?(?:(\d{1,7})s)?$/;

/** Seconds of a duration like `30m`, `2h`, `7d`, `1w`, `1h30m`; undefined when it is not one. */
export function parseDurationSeconds(text: string): number | undefined {
  if (text === '') return undefined;
  const match = DURATION.exec(text.toLowerCase());
  if (!match) return undefined;
  return UNITS.reduce((total, [, seconds], index) => total + Number(match[index + 1] ?? 0) * seconds, 0);
}

/**
 * The shortest text for whole seconds, in the largest unit (no larger than `largest`) that divides them:
 * 5400 -> 90m. It parses back with parseDurationSeconds.
 */
export function formatDurationSeconds(seconds: number, largest: DurationUnit = 'w'): string {
  const allowed = UNITS.slice(UNITS.findIndex(([unit]) => unit === largest));
  const [unit, size] = allowed.find(([, size]) => seconds >= size && seconds % size === 0) ?? ['s', 1];
  return `${seconds / size}${unit}`;
}
