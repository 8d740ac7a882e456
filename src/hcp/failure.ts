/** What a fetch that got no HTTP answer means: timeout, an untrusted certificate, an oversize body, or the network. */

import { BodyTooLargeError } from './body.js';
import {
  CertificateError,
  type HcpError,
  isHcpError,
  MalformedResponseError,
  NetworkError,
  TimeoutError,
} from './errors.js';

/** Node's and OpenSSL's codes for a certificate the client refused (the TLS socket's error, copied by FetchError). */
const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface FailureContext {
  /** "GET /path" */
  label: string;
  timedOut: boolean;
  timeoutMs: number;
  /** Removes secrets from text of lower layers. */
  scrub: (text: string) => string;
}

export function failureOf(error: unknown, status: number | null, context: FailureContext): HcpError {
  if (isHcpError(error)) return error;
  const { label } = context;
  if (error instanceof BodyTooLargeError) return new MalformedResponseError(label, error.message, status);
  if (context.timedOut) return new TimeoutError(label, context.timeoutMs);
  const codes = causeCodes(error);
  const certificate = codes.find((code) => CERTIFICATE_CODES.has(code));
  if (certificate) return new CertificateError(label, certificate);
  // The code (ECONNREFUSED, ECONNRESET, ...) or node-fetch's type (max-redirect, ...) says enough: messages of
  // lower layers carry the URL and are not trusted to be clean.
  const cause = codes[0] ?? field(error, 'type') ?? field(error, 'name') ?? 'connection failed';
  return new NetworkError(label, context.scrub(cause));
}

/** The `code`s of an error and its causes, outermost first (ECONNREFUSED, SELF_SIGNED_CERT_IN_CHAIN, ...). */
export function causeCodes(error: unknown): string[] {
  return causeChain(error)
    .map((link) => field(link, 'code'))
    .filter((code): code is string => code !== undefined);
}

/**
 * node-fetch's FetchError copies the socket's code onto itself; other fetches wrap the socket's error in
 * `cause` (undici: TypeError('fetch failed').cause), and proxies may wrap once more.
 */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let link = error; link !== undefined && link !== null && chain.length < 5; ) {
    chain.push(link);
    link = typeof link === 'object' ? Reflect.get(link, 'cause') : undefined;
  }
  return chain;
}

function field(error: unknown, name: 'code' | 'type' | 'name'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = Reflect.get(error, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
