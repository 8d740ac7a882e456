/**
 * Typed list options -> the query strings of the API reference. Keys and values are percent-encoded like its
 * sample requests (`filter%5Binvocation_method%5D=direct&page%5Bsize%5D=20`); the values of a
 * multi-value filter are joined with a comma that is encoded too (`successful%2Cfailed`), so a comma is never
 * ambiguous in the URL. Bad options throw a RangeError before anything is sent.
 */

import { isValidId } from './ids.js';
import {
  AGGREGATE_INVOCATION_STATUSES,
  INVOCATION_FINAL_STATUSES,
  INVOCATION_METHODS,
  type ListActionsOptions,
  type ListInvocationsOptions,
  type ListResourceGroupsOptions,
  type ListRunSummariesOptions,
  type PageOptions,
  RESOURCE_GROUP_STATUSES,
  RUN_SOURCES,
  type TimeRange,
} from './types.js';

export const MAX_PAGE_SIZE = 100;
/** HCP Terraform's page size when a request does not say. */
export const DEFAULT_PAGE_SIZE = 20;
const MAX_QUERY_TEXT = 1000;

/** Ordered key/value pairs, before encoding. */
export type QueryParams = ReadonlyArray<readonly [key: string, value: string]>;

export function encodeQuery(params: QueryParams): string {
  return params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

export function actionsQuery(options: ListActionsOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  addText(params, 'filter[provider]', options.provider);
  addText(params, 'filter[module_address]', options.moduleAddress);
  addTimeRange(params, 'filter[last_invocation][invoked_at]', options.lastInvokedAt);
  addPage(params, options);
  return params;
}

export function runSummariesQuery(options: ListRunSummariesOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  if (options.runId !== undefined) {
    if (!isValidId('run', options.runId))
      throw new RangeError('runId must be a run ID such as run-KTuq99JSzgmDSvYj');
    params.push(['filter[run][id]', options.runId]);
  }
  addList(params, 'filter[invocation_method]', options.invocationMethods, INVOCATION_METHODS);
  addList(params, 'filter[aggregate_invocation_status]', options.statuses, AGGREGATE_INVOCATION_STATUSES);
  addList(params, 'filter[invoked_by]', options.invokedBy);
  addList(params, 'filter[source]', options.sources, RUN_SOURCES);
  addTimeRange(params, 'filter[invoked_at]', options.invokedAt);
  addPage(params, options);
  return params;
}

export function invocationsQuery(options: ListInvocationsOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  addList(params, 'filter[status]', options.statuses, INVOCATION_FINAL_STATUSES);
  addSearch(params, options.q);
  addPage(params, options);
  return params;
}

export function resourceGroupsQuery(options: ListResourceGroupsOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  addList(params, 'filter[aggregate_status]', options.statuses, RESOURCE_GROUP_STATUSES);
  addSearch(params, options.q);
  addPage(params, options);
  return params;
}

export function addText(params: Array<[string, string]>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.trim() === '') throw new RangeError(`${key} must not be empty`);
  params.push([key, value]);
}

function addSearch(params: Array<[string, string]>, q: string | undefined): void {
  if (q === undefined || q.trim() === '') return;
  if (q.length > MAX_QUERY_TEXT) throw new RangeError(`q must be at most ${MAX_QUERY_TEXT} characters`);
  params.push(['q', q]);
}

export function addList(
  params: Array<[string, string]>,
  key: string,
  values: readonly string[] | undefined,
  allowed?: readonly string[],
): void {
  // An empty list means "no filter", as when the option is absent.
  if (values === undefined || values.length === 0) return;
  for (const value of values) {
    if (value === '' || value.includes(','))
      throw new RangeError(`${key} values must be non-empty and contain no comma`);
    if (allowed && !allowed.includes(value))
      throw new RangeError(`${key} does not accept ${JSON.stringify(value)} (valid: ${allowed.join(', ')})`);
  }
  params.push([key, [...new Set(values)].join(',')]);
}

const TIME_BOUNDS = ['gte', 'gt', 'lte', 'lt'] as const;

function addTimeRange(params: Array<[string, string]>, key: string, range: TimeRange | undefined): void {
  if (range === undefined) return;
  for (const bound of TIME_BOUNDS) {
    const value = range[bound];
    if (value === undefined) continue;
    if (!isTimestamp(value))
      throw new RangeError(`${key}[${bound}] must be an ISO-8601 timestamp, got ${JSON.stringify(value)}`);
    params.push([`${key}[${bound}]`, value]);
  }
}

export function addPage(params: Array<[string, string]>, options: PageOptions): void {
  const { pageNumber, pageSize } = options;
  if (pageNumber !== undefined) {
    if (!(Number.isInteger(pageNumber) && pageNumber >= 1))
      throw new RangeError('pageNumber must be a whole number >= 1');
    params.push(['page[number]', String(pageNumber)]);
  }
  if (pageSize !== undefined) {
    if (!(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE))
      throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    params.push(['page[size]', String(pageSize)]);
  }
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isTimestamp(value: string): boolean {
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}
