import { FetchError } from 'node-fetch';
import { CertificateError, NetworkError, TimeoutError } from '../../src/hcp/errors.js';
import { failureOf } from '../../src/hcp/failure.js';

const URL_WITH_SECRET = 'https://tfe.example.com/api/v2/runs?token=s3cr3t-value';
const context = {
  label: 'GET /runs',
  timedOut: false,
  timeoutMs: 10_000,
  scrub: (text: string) => text.split('s3cr3t-value').join('[REDACTED]'),
};

/** What node-fetch raises when the socket fails: the socket's code copied onto a FetchError of type system. */
function systemFailure(code: string): FetchError {
  const socketError = { code, syscall: 'connect', message: `${code} at ${URL_WITH_SECRET}` };
  return new FetchError(
    `request to ${URL_WITH_SECRET} failed, reason: ${socketError.message}`,
    'system',
    socketError,
  );
}

test("node-fetch's FetchError with a TLS code is a certificate error, not retried", () => {
  const failure = failureOf(systemFailure('SELF_SIGNED_CERT_IN_CHAIN'), null, context);
  expect(failure).toBeInstanceOf(CertificateError);
  expect(failure.retryable).toBe(false);
  expect(failure.message).toContain('NODE_EXTRA_CA_CERTS');
  expect(failure.message).not.toContain('s3cr3t-value');
});

test("node-fetch's FetchError with a socket code is a retryable network error naming the code only", () => {
  const failure = failureOf(systemFailure('ECONNRESET'), null, context);
  expect(failure).toBeInstanceOf(NetworkError);
  expect(failure.retryable).toBe(true);
  expect(failure.message).toContain('ECONNRESET');
  expect(failure.message).not.toContain('tfe.example.com');
});

test('a FetchError without a code is named by its type, never by its message', () => {
  const failure = failureOf(
    new FetchError(`maximum redirect reached at: ${URL_WITH_SECRET}`, 'max-redirect'),
    null,
    context,
  );
  expect(failure).toBeInstanceOf(NetworkError);
  expect(failure.message).toContain('max-redirect');
  expect(failure.message).not.toContain('tfe.example.com');
});

test('an abort after the timeout is a timeout, whatever the fetch raised', () => {
  const aborted = Object.assign(new Error('The operation was aborted.'), {
    name: 'AbortError',
    type: 'aborted',
  });
  expect(failureOf(aborted, null, { ...context, timedOut: true })).toBeInstanceOf(TimeoutError);
});
