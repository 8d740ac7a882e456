import { invalidParameter } from './api-error.js';
import type { PaginationStyle } from './types.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const PAGE_NUMBER = 'page[number]';
const PAGE_SIZE = 'page[size]';

export interface PageRequest {
  readonly number: number;
  readonly size: number;
}

export interface PageSlice<T> extends PageRequest {
  readonly items: T[];
  readonly totalCount: number;
  readonly totalPages: number;
}

export interface PageLinks {
  self: string;
  first: string;
  prev: string | null;
  next: string | null;
  last: string;
}

export interface PaginationMeta {
  'current-page': number;
  'page-size': number;
  'prev-page': number | null;
  'next-page': number | null;
  'total-pages': number;
  'total-count': number;
}

export function readPage(query: URLSearchParams): PageRequest {
  return {
    number: readPositiveInteger(query, PAGE_NUMBER, 1, Number.MAX_SAFE_INTEGER),
    size: readPositiveInteger(query, PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function readPositiveInteger(query: URLSearchParams, key: string, fallback: number, max: number): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw invalidParameter(key, `${key} must be a whole number from 1 to ${max}, not ${JSON.stringify(raw)}`);
  return value;
}

export function slicePage<T>(items: readonly T[], page: PageRequest): PageSlice<T> {
  const start = (page.number - 1) * page.size;
  return {
    ...page,
    items: items.slice(start, start + page.size),
    totalCount: items.length,
    // An empty list still has one (empty) page, so `last` always points somewhere.
    totalPages: Math.max(1, Math.ceil(items.length / page.size)),
  };
}

/** Absolute page URLs keeping the request's other parameters, brackets encoded as %5B/%5D. */
export function pageUrlBuilder(
  origin: string,
  pathname: string,
  query: URLSearchParams,
): (pageNumber: number, pageSize: number) => string {
  const kept = [...query.entries()].filter(([key]) => key !== PAGE_NUMBER && key !== PAGE_SIZE);
  return (pageNumber, pageSize) => {
    const pairs: [string, string][] = [
      ...kept,
      [PAGE_NUMBER, String(pageNumber)],
      [PAGE_SIZE, String(pageSize)],
    ];
    const search = pairs
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
      .join('&');
    return `${origin}${pathname}?${search}`;
  };
}

export interface PaginatedParts {
  links?: PageLinks;
  pagination?: PaginationMeta;
}

export function paginationParts<T>(
  slice: PageSlice<T>,
  style: PaginationStyle,
  urlFor: (pageNumber: number, pageSize: number) => string,
): PaginatedParts {
  const prev = slice.number > 1 ? Math.min(slice.number - 1, slice.totalPages) : null;
  const next = slice.number < slice.totalPages ? slice.number + 1 : null;
  const parts: PaginatedParts = {};
  if (style === 'both' || style === 'links') {
    const url = (n: number): string => urlFor(n, slice.size);
    parts.links = {
      self: url(slice.number),
      first: url(1),
      prev: prev === null ? null : url(prev),
      next: next === null ? null : url(next),
      last: url(slice.totalPages),
    };
  }
  if (style === 'both' || style === 'meta') {
    parts.pagination = {
      'current-page': slice.number,
      'page-size': slice.size,
      'prev-page': prev,
      'next-page': next,
      'total-pages': slice.totalPages,
      'total-count': slice.totalCount,
    };
  }
  return parts;
}
