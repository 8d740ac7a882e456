/** HTTP answers that are not a usable 2xx -> the typed errors of errors.ts. */

import {
  type ApiErrorDetail,
  type HcpError,
  InvalidRequestError,
  MalformedResponseError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from './errors.js';
import { isJsonObject } from './jsonapi.js';
import { rateLimitWaitSeconds } from './retry.js';

export interface ErrorContext {
  /** "GET /path" */
  request: string;
  /** What a 404 is about, e.g. "action action-1". */
  what: string;
  /** Removes secrets from text the server sent back before it goes into an error. */
  scrub: (text: string) => string;
}

export interface ResponseHead {
  status: number;
  header(name: string): string | null;
}

const MAX_DETAILS = 10;
const MAX_TEXT = 500;

export function errorForStatus(head: ResponseHead, body: unknown, context: ErrorContext): HcpError {
  const { status } = head;
  const { request } = context;
  if (status === 404) return new NotFoundError(request, context.what);
  if (status === 401 || status === 403) return new UnauthorizedError(request, status);
  if (status === 429)
    return new RateLimitedError(
      request,
      rateLimitWaitSeconds(head.header('retry-after'), head.header('x-ratelimit-reset')),
    );
  if (status >= 500) return new ServerError(request, status);
  if (status >= 400) return new InvalidRequestError(request, parseErrorDetails(body, context.scrub), status);
  if (status >= 300)
    return new MalformedResponseError(request, `unexpected redirect (${status}); check TFE_ADDRESS`, status);
  return new MalformedResponseError(request, `unexpected status ${status}`, status);
}

/** The `errors` array of a JSON:API error document; `status` may be a number or a string. */
export function parseErrorDetails(
  body: unknown,
  scrub: (text: string) => string = (text) => text,
): ApiErrorDetail[] {
  if (!isJsonObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.slice(0, MAX_DETAILS).map((entry): ApiErrorDetail => {
    if (typeof entry === 'string')
      return { status: null, title: null, detail: clean(entry, scrub), source: null };
    if (!isJsonObject(entry)) return { status: null, title: null, detail: null, source: null };
    const source = isJsonObject(entry.source) ? (entry.source.parameter ?? entry.source.pointer) : null;
    return {
      status: statusOf(entry.status),
      title: typeof entry.title === 'string' ? clean(entry.title, scrub) : null,
      detail: typeof entry.detail === 'string' ? clean(entry.detail, scrub) : null,
      source: typeof source === 'string' ? clean(source, scrub) : null,
    };
  });
}

function statusOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function clean(text: string, scrub: (text: string) => string): string {
  const scrubbed = scrub(text);
  return scrubbed.length > MAX_TEXT ? `${scrubbed.slice(0, MAX_TEXT)}…` : scrubbed;
}
