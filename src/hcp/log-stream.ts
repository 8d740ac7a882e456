/**
 * Reads a run log from its pre-signed URL as a bounded stream: no token is sent (the URL is its own credential),
 * lines are handed over as they arrive, reading stops at a byte limit or an overall timeout, and every failure
 * is a typed outcome rather than an exception. The URL never appears in an outcome: it is a secret.
 */

import { causeCodes } from './failure.js';
import { type FetchImpl, hcpFetch } from './http-stack.js';

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_TIMEOUT_MS = 20_000;
/** A longer line is no diagnostic worth showing; it is skipped rather than buffered. */
export const MAX_LOG_LINE_CHARS = 256 * 1024;
const ERROR_BODY_BYTES = 4096;

export type LogReadOutcome =
  | { kind: 'complete'; bytes: number }
  /** Reading stopped at maxBytes; the lines before the limit were delivered. */
  | { kind: 'too_big'; bytes: number; maxBytes: number }
  | { kind: 'forbidden' }
  | { kind: 'expired' }
  | { kind: 'not_found' }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'network'; cause: string }
  | { kind: 'http_error'; status: number };

export interface LogReadOptions {
  maxBytes?: number;
  timeoutMs?: number;
  fetchImpl?: FetchImpl;
}

/** Calls onLine for every line of the log (without its line break) and says how the read ended. */
export async function readLogLines(
  url: string,
  onLine: (line: string) => void,
  options: LogReadOptions = {},
): Promise<LogReadOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOG_TIMEOUT_MS;
  const fetchImpl = options.fetchImpl ?? hcpFetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { 'User-Agent': 'tfactions', Accept: 'text/plain, application/json' },
      signal: controller.signal,
      redirect: 'follow',
    });
    if (response.status !== 200 && response.status !== 206) {
      const body = await readSmallText(response.body, ERROR_BODY_BYTES);
      return outcomeForStatus(response.status, body);
    }
    if (response.body === null) return { kind: 'complete', bytes: 0 };
    const splitter = new LineSplitter(onLine);
    let bytes = 0;
    for await (const chunk of response.body) {
      const buffer = toBuffer(chunk);
      if (bytes + buffer.length > maxBytes) {
        splitter.push(buffer.subarray(0, maxBytes - bytes));
        splitter.end();
        // Leaving the loop cancels the body, which closes the connection: the rest is never downloaded.
        return { kind: 'too_big', bytes: maxBytes, maxBytes };
      }
      bytes += buffer.length;
      splitter.push(buffer);
    }
    splitter.end();
    return { kind: 'complete', bytes };
  } catch (error) {
    if (timedOut) return { kind: 'timeout', afterMs: timeoutMs };
    return { kind: 'network', cause: networkCause(error) };
  } finally {
    clearTimeout(timer);
  }
}

function outcomeForStatus(status: number, body: string): LogReadOutcome {
  // Object stores answer an expired pre-signed URL with 403 and say so in the body (S3: "Request has expired").
  if (status === 403) return /expired/i.test(body) ? { kind: 'expired' } : { kind: 'forbidden' };
  if (status === 410) return { kind: 'expired' };
  if (status === 404) return { kind: 'not_found' };
  return { kind: 'http_error', status };
}

/** Splits decoded text into lines as it arrives, keeping at most one partial line. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private partial = '';
  private skippingLongLine = false;

  constructor(private readonly onLine: (line: string) => void) {}

  push(bytes: Uint8Array): void {
    this.take(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    this.take(this.decoder.decode());
    if (!this.skippingLongLine && this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }

  private take(text: string): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      if (!this.skippingLongLine) this.onLine(stripCarriageReturn(this.partial + piece));
      this.partial = '';
      this.skippingLongLine = false;
      start = newline + 1;
    }
    if (this.skippingLongLine) return;
    this.partial += text.slice(start);
    if (this.partial.length > MAX_LOG_LINE_CHARS) {
      this.partial = '';
      this.skippingLongLine = true;
    }
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

async function readSmallText(
  body: AsyncIterable<Uint8Array | string> | null,
  maxBytes: number,
): Promise<string> {
  if (body === null) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = toBuffer(chunk);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) break;
    }
  } catch {
    // The status already says what happened; the body only refines it.
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), 'utf8');
}

/**
 * The error code (ECONNRESET, ENOTFOUND, ...), else node-fetch's type (max-redirect, ...), is enough; lower
 * layers' messages may carry the URL.
 */
function networkCause(error: unknown): string {
  const code = causeCodes(error).find((candidate) => /^[A-Z_]{2,40}$/.test(candidate));
  if (code !== undefined) return code;
  if (typeof error === 'object' && error !== null) {
    const type: unknown = Reflect.get(error, 'type');
    if (typeof type === 'string' && /^[a-z-]{2,40}$/.test(type)) return type;
    const name: unknown = Reflect.get(error, 'name');
    if (typeof name === 'string' && /^[A-Za-z]{2,40}$/.test(name)) return name;
  }
  return 'connection failed';
}
