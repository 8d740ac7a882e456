/**
 * One GET against the HCP Terraform API: Bearer auth, JSON:API media type, pacing, a timeout per attempt,
 * retries of what may succeed later, and every failure mapped to a typed HcpError. Neither the token nor any
 * header ever reaches a log line or an error.
 */

import type { Logger } from '../logger.js';
import { readTextWithin } from './body.js';
import {
  type HcpError,
  type HcpErrorKind,
  isHcpError,
  MalformedResponseError,
  NetworkError,
} from './errors.js';
import { failureOf } from './failure.js';
import { errorForStatus } from './http-errors.js';
import { type FetchImpl, hcpFetch } from './http-stack.js';
import type { ApiResponse } from './jsonapi.js';
import { defaultPacer, type Pacer } from './pacing.js';
import { encodeQuery, type QueryParams } from './query.js';
import { retryDelayMs } from './retry.js';
import { type SkippedItemEvent, SkippedItemReporter } from './skipped-items.js';
import { toServerTime } from './whole-seconds.js';

export type { FetchAnswer, FetchImpl } from './http-stack.js';

/** One attempt, as the metrics hook sees it. */
export interface RequestEvent {
  method: string;
  /** Path without host or query, e.g. /terraform-actions/action-1. */
  path: string;
  /** The path template, e.g. /terraform-actions/:action_id: a bounded label for metrics. */
  route: string;
  /** null when no HTTP answer came (timeout, network). */
  status: number | null;
  durationMs: number;
  /** 1-based. */
  attempt: number;
  errorKind?: HcpErrorKind;
}

export interface TransportOptions {
  /** TFE_ADDRESS; the API lives under $address/api/v2. */
  address: string;
  token: string;
  logger?: Logger;
  /** Shared token bucket; defaults to the process-wide defaultPacer. */
  pacer?: Pacer;
  /** Per attempt, body included. Default 10000. */
  timeoutMs?: number;
  /** Attempts per request, retries included. Default 5. */
  maxAttempts?: number;
  /** No retry starts that would end past this long after the first attempt, waits included. Default 30000. */
  maxRetryTimeMs?: number;
  /** Default: node-fetch through the process's proxy agent (http-stack.ts). */
  fetchImpl?: FetchImpl;
  onRequest?: (event: RequestEvent) => void;
  /** Each unreadable item skipped from a page (the rest of the page is used). */
  onItemSkipped?: (event: SkippedItemEvent) => void;
  /** Waits between attempts; injectable so tests do not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
}

export interface GetRequest {
  /** Under /api/v2, IDs already checked and escaped. */
  path: string;
  route: string;
  query?: QueryParams;
  /** What a 404 is about, e.g. "action action-1". */
  what: string;
}

/** What the resource modules need of a transport. */
export interface HcpGet {
  get(request: GetRequest): Promise<ApiResponse>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_RETRY_TIME_MS = 30_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MEDIA_TYPE = 'application/vnd.api+json';

export class HcpTransport implements HcpGet {
  private readonly baseUrl: string;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly pacer: Pacer;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryTimeMs: number;
  private readonly fetchImpl: FetchImpl;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly scrub: (text: string) => string;
  private readonly skippedItems: SkippedItemReporter;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = `${apiAddress(options.address)}/api/v2`;
    if (hasHeaderBreakingCharacters(options.token))
      throw new TypeError('the HCP Terraform token contains whitespace or control characters');
    this.headers = {
      Authorization: `Bearer ${options.token}`,
      Accept: MEDIA_TYPE,
      'Content-Type': MEDIA_TYPE,
      'User-Agent': 'tfactions',
    };
    this.pacer = options.pacer ?? defaultPacer;
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxAttempts = Math.floor(positive(options.maxAttempts, DEFAULT_MAX_ATTEMPTS, 'maxAttempts'));
    this.maxRetryTimeMs = positive(options.maxRetryTimeMs, DEFAULT_MAX_RETRY_TIME_MS, 'maxRetryTimeMs');
    this.fetchImpl = options.fetchImpl ?? hcpFetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    const token = options.token;
    this.skippedItems = new SkippedItemReporter(options.logger, options.onItemSkipped);
    this.scrub = (text) => (token.length >= 4 ? text.split(token).join('[REDACTED]') : text);
  }

  async get(request: GetRequest): Promise<ApiResponse> {
    const query = request.query && request.query.length > 0 ? `?${encodeQuery(request.query)}` : '';
    let started = 0;
    let sleptMs = 0;
    for (let attempt = 1; ; attempt++) {
      await this.pacer.take();
      // The budget runs from the first attempt: time queued for the first token is not retry time.
      if (attempt === 1) started = performance.now();
      try {
        return await this.attempt(request, query, attempt);
      } catch (error) {
        const failure = isHcpError(error)
          ? error
          : new NetworkError(`GET ${request.path}`, 'unexpected failure');
        if (!failure.retryable || attempt >= this.maxAttempts) throw failure;
        const delayMs = retryDelayMs(failure, attempt, this.random);
        // With an injected sleep no real time passes; counting the planned waits keeps the budget honest.
        const spentMs = Math.max(performance.now() - started, sleptMs);
        if (spentMs + delayMs > this.maxRetryTimeMs) throw failure;
        this.options.logger?.debug(
          { method: 'GET', path: request.path + query, attempt, delayMs, errorKind: failure.kind },
          'HCP Terraform request will be retried',
        );
        await this.sleep(delayMs);
        sleptMs += delayMs;
      }
    }
  }

  private async attempt(request: GetRequest, query: string, attempt: number): Promise<ApiResponse> {
    const label = `GET ${request.path}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await this.fetchImpl(this.baseUrl + request.path + query, {
        method: 'GET',
        headers: this.headers,
        signal: controller.signal,
        redirect: 'manual',
      });
      status = response.status;
      this.reportRateLimit(response.headers.get('x-ratelimit-limit'));
      const text = await readTextWithin(response.body, MAX_BODY_BYTES);
      const head = { status, header: (name: string) => response.headers.get(name) };
      const contentType = response.headers.get('content-type');
      if (status < 200 || status >= 300) {
        throw errorForStatus(head, parseJsonLoosely(text), {
          request: label,
          what: request.what,
          scrub: this.scrub,
        });
      }
      const body = parseJsonBody(text, contentType, label, status);
      this.report(request, query, attempt, started, status);
      return {
        request: label,
        body,
        serverTime: toServerTime(response.headers.get('date')),
        skipItem: (reason) => this.skippedItems.report({ route: request.route, request: label, reason }),
      };
    } catch (error) {
      const failure = failureOf(error, status, {
        label,
        timedOut: controller.signal.aborted,
        timeoutMs: this.timeoutMs,
        scrub: this.scrub,
      });
      this.report(request, query, attempt, started, status, failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  private reportRateLimit(header: string | null): void {
    const limit = header === null ? Number.NaN : Number(header);
    if (Number.isFinite(limit) && limit > 0) this.pacer.observeLimit?.(limit);
  }

  private report(
    request: GetRequest,
    query: string,
    attempt: number,
    started: number,
    status: number | null,
    failure?: HcpError,
  ): void {
    const durationMs = Math.round(performance.now() - started);
    const errorKind = failure?.kind;
    this.options.logger?.debug(
      { method: 'GET', path: request.path + query, status, durationMs, attempt, errorKind },
      'HCP Terraform request',
    );
    const event: RequestEvent = {
      method: 'GET',
      path: request.path,
      route: request.route,
      status,
      durationMs,
      attempt,
    };
    if (errorKind) event.errorKind = errorKind;
    try {
      this.options.onRequest?.(event);
    } catch {
      // A broken metrics hook must not fail the request.
    }
  }
}

function apiAddress(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new TypeError('the HCP Terraform address must be an http(s) URL such as https://app.terraform.io');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError('the HCP Terraform address must be an http(s) URL such as https://app.terraform.io');
  return address.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
}

function parseJsonBody(text: string, contentType: string | null, label: string, status: number): unknown {
  if (contentType !== null && !/json/i.test(contentType))
    throw new MalformedResponseError(label, `the body is ${contentType.split(';')[0]}, not JSON:API`, status);
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError(label, 'the body is not valid JSON', status);
  }
}

function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function hasHeaderBreakingCharacters(token: string): boolean {
  for (const char of token) {
    const code = char.charCodeAt(0);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}
