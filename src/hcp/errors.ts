/** Typed errors of the HCP Terraform client. Messages never contain the token. */

export type HcpErrorKind =
  | 'not_found'
  | 'unauthorized'
  | 'invalid_request'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed_response';

export interface ApiErrorDetail {
  status: number | null;
  title: string | null;
  detail: string | null;
  /** source.parameter or source.pointer */
  source: string | null;
}

export abstract class HcpError extends Error {
  abstract readonly kind: HcpErrorKind;
  /** Whether the same request may succeed later (the transport retries these). */
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    /** Method and path (no host, no token), e.g. "GET /terraform-actions/action-1". */
    readonly request: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends HcpError {
  readonly kind = 'not_found';
  readonly retryable = false;
  constructor(request: string, what = 'resource') {
    super(
      `${what} not found, or this token has no access to it, or the organization is not entitled to Terraform actions (HCP Terraform answers 404 for all three)`,
      request,
      404,
    );
  }
}

export class UnauthorizedError extends HcpError {
  readonly kind = 'unauthorized';
  readonly retryable = false;
  /** 401: the token is not accepted; 403: it is accepted but may not do this. */
  constructor(request: string, httpStatus: 401 | 403 = 401) {
    super(
      httpStatus === 403
        ? 'HCP Terraform refused this API token the request (403): it lacks the permission'
        : 'HCP Terraform rejected the API token (401): it is missing, expired or revoked',
      request,
      httpStatus,
    );
  }
}

export class InvalidRequestError extends HcpError {
  readonly kind = 'invalid_request';
  readonly retryable = false;
  constructor(
    request: string,
    readonly details: readonly ApiErrorDetail[],
    httpStatus = 400,
  ) {
    const said = details
      .map((d) => [d.title, d.detail].filter(Boolean).join(': ') + (d.source ? ` (${d.source})` : ''))
      .filter((text) => text !== '')
      .join('; ');
    super(`HCP Terraform refused the request (${httpStatus})${said ? `: ${said}` : ''}`, request, httpStatus);
  }
}

export class RateLimitedError extends HcpError {
  readonly kind = 'rate_limited';
  readonly retryable = true;
  constructor(
    request: string,
    /** Seconds the server asked to wait, when it said. */
    readonly retryAfterSeconds: number | null,
  ) {
    super('HCP Terraform is rate limiting this token (429)', request, 429);
  }
}

export class ServerError extends HcpError {
  readonly kind = 'server';
  readonly retryable = true;
  constructor(request: string, httpStatus: number) {
    super(`HCP Terraform answered with a server error (${httpStatus})`, request, httpStatus);
  }
}

export class TimeoutError extends HcpError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(request: string, timeoutMs: number) {
    super(`HCP Terraform did not answer within ${timeoutMs} ms`, request);
  }
}

export class NetworkError extends HcpError {
  readonly kind = 'network';
  readonly retryable = true;
  constructor(request: string, cause: string) {
    super(`could not reach HCP Terraform: ${cause}`, request);
  }
}

/**
 * The server's TLS certificate was not accepted. Not retried: the next attempt meets the same certificate.
 * Reported as a network failure (same kind) so every consumer already handles it.
 */
export class CertificateError extends HcpError {
  readonly kind = 'network';
  readonly retryable = false;
  constructor(
    request: string,
    /** Node's TLS error code, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
    readonly code: string,
  ) {
    super(`could not reach HCP Terraform: ${certificateAdvice(code)}`, request);
  }
}

function certificateAdvice(code: string): string {
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return `the server's TLS certificate is outside its validity period (${code}); renew it on the server (NODE_EXTRA_CA_CERTS only adds trusted CAs, it cannot fix this)`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH')
    return `the server's TLS certificate does not name this host (${code}); make TFE_ADDRESS use a host name the certificate covers (NODE_EXTRA_CA_CERTS cannot fix this)`;
  return `the server's TLS certificate is not signed by a CA this process trusts (${code}); for a Terraform Enterprise with a private CA, set NODE_EXTRA_CA_CERTS to the path of that CA's PEM bundle and restart`;
}

export class MalformedResponseError extends HcpError {
  readonly kind = 'malformed_response';
  readonly retryable = false;
  constructor(
    request: string,
    /** What is wrong, without the request: `actions "action-1": address is missing`. */
    readonly problem: string,
    httpStatus: number | null = null,
  ) {
    super(`HCP Terraform sent a response this client cannot read: ${problem}`, request, httpStatus);
  }
}

export function isHcpError(error: unknown): error is HcpError {
  return error instanceof HcpError;
}
