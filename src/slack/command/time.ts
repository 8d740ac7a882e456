import { wholeSecondIso } from '../../hcp/whole-seconds.js';
import { parseDurationSeconds } from '../durations.js';

/** Times and durations of `/tfactions` filters: ISO-8601 or durations back from now, to whole-second ISO. */

/** How a bound compares: after: gt, since: gte, before: lt, until: lte. */
export type TimeBound = 'gt' | 'gte' | 'lt' | 'lte';

export type InstantResult = { ok: true; iso: string } | { ok: false; reason: string };

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export const TIME_SYNTAX =
  'an ISO-8601 time (like 2026-05-12T15:40:00Z) or a duration back from now (like 30m, 2h, 7d)';

/**
 * An ISO-8601 time or a duration back from `now`, as `YYYY-MM-DDTHH:MM:SSZ`. Timestamps of HCP Terraform have
 * whole seconds, so a fraction is rounded the way that keeps the comparison's meaning (`gte 10.5` is `gte 11`,
 * `lte 10.5` is `lte 10`). A time without a zone is UTC.
 */
export function parseInstant(text: string, now: Date, bound: TimeBound): InstantResult {
  const duration = parseDurationSeconds(text);
  const milliseconds =
    duration === undefined ? parseIsoMilliseconds(text.toLowerCase()) : now.getTime() - duration * 1000;
  if (milliseconds === undefined) return { ok: false, reason: `is not ${TIME_SYNTAX}` };
  if (Number.isNaN(milliseconds)) return { ok: false, reason: 'is not a real date and time' };
  const roundUp = bound === 'gte' || bound === 'lt';
  const seconds = roundUp ? Math.ceil(milliseconds / 1000) : Math.floor(milliseconds / 1000);
  const rounded = seconds * 1000;
  if (rounded < EARLIEST_MS || rounded > LATEST_MS) return { ok: false, reason: 'is outside 1970 to 9999' };
  return { ok: true, iso: wholeSecondIso(rounded) };
}

/** Milliseconds (fraction kept) of an ISO-8601 text; NaN when it has the shape but no such time exists. */
function parseIsoMilliseconds(text: string): number | undefined {
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'z'] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear takes the year as written.
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d);
  local.setUTCHours(h, mi, s, 0);
  const exists =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  const offset = zoneOffsetMinutes(zone);
  if (!exists || offset === undefined) return Number.NaN;
  return local.getTime() + Number(`0.${fraction || '0'}`) * 1000 - offset * 60_000;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}
