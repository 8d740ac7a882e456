/** ISO-8601 instants as the API accepts them, and the whole-second form it answers with. */

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds since the epoch (fractions kept), or null when the text is not an ISO-8601 instant. */
export function parseInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction, zone] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2026-02-30 over into March; the API would reject it.
  if (new Date(utc).getUTCDate() !== d) return null;
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === null) return null;
  const fractionMs = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return utc + fractionMs - offsetMinutes * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** `2026-05-12T15:40:00Z`: whole seconds, fractions dropped. */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Normalizes an ISO-8601 input to the API's whole-second form; throws on nonsense (a test bug). */
export function normalizeInstant(text: string, what: string): string {
  const ms = parseInstant(text);
  if (ms === null) throw new Error(`${what}: ${JSON.stringify(text)} is not an ISO-8601 timestamp`);
  return formatInstant(ms);
}

/** RFC 7231 IMF-fixdate, for the Date header. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
