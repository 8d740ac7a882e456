/** JSON:API documents of HCP Terraform: runtime validation of bodies, pagination reading, page iteration. */

import { MalformedResponseError } from './errors.js';
import { DEFAULT_PAGE_SIZE } from './query.js';
import type { Page, PageOptions, Pagination } from './types.js';

export type JsonObject = Record<string, unknown>;

export interface JsonApiResource {
  id: string;
  type: string;
  attributes: JsonObject;
  relationships: JsonObject;
}

export interface JsonApiDocument<Data> {
  data: Data;
  links: JsonObject | null;
  meta: JsonObject | null;
}

/** A successful answer as the transport hands it over. */
export interface ApiResponse {
  /** "GET /path" (no host, no query), for error messages. */
  request: string;
  body: unknown;
  /** The server's Date header, ISO-8601 in whole seconds; null when absent or unreadable. */
  serverTime: string | null;
  /** Reports an unreadable item of a collection that was skipped. */
  skipItem?: (reason: string) => void;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readSingleDocument(response: ApiResponse): JsonApiDocument<JsonApiResource> {
  const document = readDocument(response);
  if (!isJsonObject(document.data))
    throw new MalformedResponseError(response.request, '"data" is not a single resource');
  return { ...document, data: readResource(document.data, response.request) };
}

/** The items stay unread: each is read on its own, so one unreadable item does not fail the page. */
export function readCollectionDocument(response: ApiResponse): JsonApiDocument<unknown[]> {
  const document = readDocument(response);
  if (!Array.isArray(document.data))
    throw new MalformedResponseError(response.request, '"data" is not a list of resources');
  return { ...document, data: document.data };
}

/** The ID of a to-one relationship (`relationships.<name>.data.id`), or null when absent. */
export function relatedId(resource: JsonApiResource, name: string): string | null {
  const relationship = resource.relationships[name];
  if (!isJsonObject(relationship) || !isJsonObject(relationship.data)) return null;
  const id = relationship.data.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Builds a Page from a collection answer: items, pagination, meta.counts and the server's clock. */
export function toPage<T>(
  response: ApiResponse,
  requested: PageOptions,
  parse: (resource: JsonApiResource, request: string) => T,
): Page<T> {
  const document = readCollectionDocument(response);
  const items: T[] = [];
  for (const item of document.data) {
    try {
      items.push(parse(readResource(item, response.request), response.request));
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      response.skipItem?.(error.problem);
    }
  }
  // The count sent, not the count read: a full page with a skipped item still announces a successor.
  const pagination = readPagination(document, document.data.length, requested);
  const page: Page<T> = { items, pagination };
  const skipped = document.data.length - items.length;
  if (skipped > 0) page.skippedItems = skipped;
  const counts = readCounts(document.meta);
  if (counts) page.counts = counts;
  if (response.serverTime) page.serverTime = response.serverTime;
  return page;
}

/**
 * meta.pagination when present, else the page numbers of links.next / links.prev, else inferred from the
 * item count: a short page is the last one, a full page may have a successor.
 */
export function readPagination(
  document: Pick<JsonApiDocument<unknown>, 'links' | 'meta'>,
  itemCount: number,
  requested: PageOptions,
): Pagination {
  const requestedPage = requested.pageNumber ?? 1;
  const requestedSize = requested.pageSize ?? DEFAULT_PAGE_SIZE;
  const meta = document.meta?.pagination;
  if (isJsonObject(meta)) {
    return {
      currentPage: positiveInteger(meta['current-page']) ?? requestedPage,
      totalPages: wholeNumber(meta['total-pages']),
      totalCount: wholeNumber(meta['total-count']),
      nextPage: positiveInteger(meta['next-page']),
      prevPage: positiveInteger(meta['prev-page']),
      pageSize: positiveInteger(meta['page-size']) ?? requestedSize,
    };
  }
  const links = document.links;
  if (links && ('next' in links || 'prev' in links)) {
    return {
      currentPage: pageNumberOf(links.self) ?? requestedPage,
      totalPages: pageNumberOf(links.last),
      totalCount: null,
      nextPage: pageNumberOf(links.next),
      prevPage: pageNumberOf(links.prev),
      pageSize: pageSizeOf(links.self) ?? requestedSize,
    };
  }
  return {
    currentPage: requestedPage,
    totalPages: null,
    totalCount: null,
    nextPage: itemCount >= requestedSize ? requestedPage + 1 : null,
    prevPage: requestedPage > 1 ? requestedPage - 1 : null,
    pageSize: requestedSize,
  };
}

/** meta.counts flattened: `{ invocations: { total: 3 } }` -> `{ invocations: 3 }`. */
export function readCounts(meta: JsonObject | null): Record<string, number> | undefined {
  const counts = meta?.counts;
  if (!isJsonObject(counts)) return undefined;
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(counts)) {
    const total = isJsonObject(value) ? wholeNumber(value.total) : wholeNumber(value);
    if (total !== null) result[name] = total;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

export const MAX_PAGES = 1000;

export interface IteratePagesOptions {
  firstPage?: number;
  /** Stops a server that keeps announcing another page. */
  maxPages?: number;
  /** For the error thrown past maxPages. */
  request: string;
}

/**
 * Every item of every page, in order; stops on an empty page (one whose items were all unreadable is not
 * empty) or when no next page is announced.
 */
export async function* iteratePages<T>(
  fetchPage: (pageNumber: number) => Promise<Page<T>>,
  options: IteratePagesOptions,
): AsyncGenerator<T, void, undefined> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  let pageNumber = options.firstPage ?? 1;
  for (let fetched = 0; ; fetched++) {
    if (fetched >= maxPages)
      throw new MalformedResponseError(options.request, `the server announced more than ${maxPages} pages`);
    const page = await fetchPage(pageNumber);
    if (page.items.length === 0 && !page.skippedItems) return;
    yield* page.items;
    const next = page.pagination.nextPage;
    if (next === null) return;
    if (next <= pageNumber)
      throw new MalformedResponseError(
        options.request,
        `page ${pageNumber} announced page ${next} as the next`,
      );
    pageNumber = next;
  }
}

function readDocument(response: ApiResponse): JsonApiDocument<unknown> {
  const { body, request } = response;
  if (!isJsonObject(body)) throw new MalformedResponseError(request, 'the body is not a JSON:API document');
  if (!('data' in body)) throw new MalformedResponseError(request, 'the document has no "data"');
  return {
    data: body.data,
    links: isJsonObject(body.links) ? body.links : null,
    meta: isJsonObject(body.meta) ? body.meta : null,
  };
}

function readResource(value: unknown, request: string): JsonApiResource {
  if (!isJsonObject(value)) throw new MalformedResponseError(request, 'a resource is not an object');
  const { id, type } = value;
  if (typeof id !== 'string' || id === '')
    throw new MalformedResponseError(request, 'a resource has no "id"');
  if (typeof type !== 'string' || type === '')
    throw new MalformedResponseError(request, `resource ${JSON.stringify(id)} has no "type"`);
  return {
    id,
    type,
    attributes: isJsonObject(value.attributes) ? value.attributes : {},
    relationships: isJsonObject(value.relationships) ? value.relationships : {},
  };
}

function pageParameterOf(link: unknown, name: string): number | null {
  if (typeof link !== 'string' || link === '') return null;
  try {
    return positiveInteger(new URL(link, 'http://relative.invalid').searchParams.get(name));
  } catch {
    return null;
  }
}

function pageNumberOf(link: unknown): number | null {
  // A link without page[number] is the first page.
  if (typeof link !== 'string' || link === '') return null;
  return pageParameterOf(link, 'page[number]') ?? 1;
}

function pageSizeOf(link: unknown): number | null {
  return pageParameterOf(link, 'page[size]');
}

function positiveInteger(value: unknown): number | null {
  const number = asInteger(value);
  return number !== null && number >= 1 ? number : null;
}

function wholeNumber(value: unknown): number | null {
  const number = asInteger(value);
  return number !== null && number >= 0 ? number : null;
}

/** Numbers, and numbers sent as strings ("2"), which some servers do in meta. */
function asInteger(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null;
}
