import { ErrorCode } from '@slack/web-api';
import { classifySlackError, PERMANENT_SLACK_ERRORS } from '../../src/alerts/slack-errors.js';

const platform = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });

test('errors that never succeed on retry are permanent', () => {
  for (const error of [
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'token_revoked',
    'account_inactive',
    'invalid_auth',
    'missing_scope',
    'team_access_not_granted',
    'restricted_action',
  ]) {
    expect(PERMANENT_SLACK_ERRORS.has(error)).toBe(true);
    expect(classifySlackError(platform(error))).toEqual({ kind: 'permanent', code: error });
  }
});

test('a rejected rate-limited call carries its Retry-After', () => {
  expect(classifySlackError({ code: ErrorCode.RateLimitedError, retryAfter: 7 })).toEqual({
    kind: 'rate_limited',
    retryAfterSeconds: 7,
    code: 'ratelimited',
  });
  expect(classifySlackError(platform('ratelimited')).kind).toBe('rate_limited');
});

test('no answer, or an internal error, means the outcome is unknown', () => {
  expect(
    classifySlackError({ code: ErrorCode.RequestError, original: new Error('socket hang up') }).kind,
  ).toBe('unknown_outcome');
  expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 503 }).kind).toBe('unknown_outcome');
  expect(classifySlackError(platform('internal_error')).kind).toBe('unknown_outcome');
  expect(classifySlackError(new Error('timeout of 10000ms exceeded')).kind).toBe('unknown_outcome');
});

test('other refusals are retried', () => {
  expect(classifySlackError(platform('some_new_error'))).toEqual({ kind: 'refused', code: 'some_new_error' });
  expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 400 }).kind).toBe('refused');
});
