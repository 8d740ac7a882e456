/**
 * HCP Terraform's timestamps have whole seconds, and its time filters are compared in the same form:
 * `2026-05-12T15:40:00Z`. The one formatter of that form; a fraction of a second is dropped.
 */
export function wholeSecondIso(milliseconds: number): string {
  return new Date(Math.floor(milliseconds / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Date header of an answer as the server's time in that form, or null. */
export function toServerTime(dateHeader: string | null): string | null {
  if (!dateHeader) return null;
  const time = Date.parse(dateHeader);
  if (Number.isNaN(time)) return null;
  return wholeSecondIso(time);
}
