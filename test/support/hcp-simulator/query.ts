import { invalidParameter } from './api-error.js';
import { parseInstant } from './time.js';

/** Instants in ms; each bound optional. */
export interface InstantRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

const COMPARISONS = ['gt', 'gte', 'lt', 'lte'] as const;

/** The four filter keys of a time comparison, e.g. `filter[invoked_at][gte]`. */
export function timeFilterKeys(prefix: string): string[] {
  return COMPARISONS.map((comparison) => `${prefix}[${comparison}]`);
}

/** The contract is strict: a `filter[...]` key the endpoint does not know is a 400, not silently ignored. */
export function checkFilterKeys(query: URLSearchParams, allowedFilters: readonly string[]): void {
  for (const key of query.keys())
    if (key.startsWith('filter[') && !allowedFilters.includes(key))
      throw invalidParameter(key, `${key} is not a filter of this endpoint`);
}

/**
 * Strict reading of an endpoint's query: an unknown `filter[...]` key, an unknown enum value or an
 * unparseable time is a 400 naming the parameter. Blank values count as absent.
 */
export class QueryReader {
  constructor(
    private readonly query: URLSearchParams,
    allowedFilters: readonly string[],
  ) {
    checkFilterKeys(query, allowedFilters);
  }

  text(key: string): string | undefined {
    const value = this.query.get(key);
    return value === null || value.trim() === '' ? undefined : value;
  }

  /** Comma-separated values. */
  list(key: string): string[] | undefined {
    const values = (this.text(key) ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    return values.length > 0 ? values : undefined;
  }

  enumList<T extends string>(key: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(key);
    if (!values) return undefined;
    for (const value of values)
      if (!(allowed as readonly string[]).includes(value))
        throw invalidParameter(key, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    return values as T[];
  }

  timeRange(prefix: string): InstantRange | undefined {
    const range: InstantRange = {};
    let any = false;
    for (const comparison of COMPARISONS) {
      const key = `${prefix}[${comparison}]`;
      const value = this.text(key);
      if (value === undefined) continue;
      const instant = parseInstant(value);
      if (instant === null)
        throw invalidParameter(key, `${JSON.stringify(value)} is not an ISO-8601 timestamp`);
      range[comparison] = instant;
      any = true;
    }
    return any ? range : undefined;
  }
}

export function inRange(instant: number, range: InstantRange): boolean {
  return (
    (range.gt === undefined || instant > range.gt) &&
    (range.gte === undefined || instant >= range.gte) &&
    (range.lt === undefined || instant < range.lt) &&
    (range.lte === undefined || instant <= range.lte)
  );
}

/** Case-insensitive substring search over the given fields. */
export function matchesSearch(term: string, fields: readonly (string | null)[]): boolean {
  const needle = term.toLowerCase();
  return fields.some((field) => field?.toLowerCase().includes(needle) ?? false);
}
