/** How a failed Slack Web API call should be treated. The ONE list of errors that never succeed on retry. */

export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'org_login_required',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'msg_too_long',
  'too_many_attachments',
  'channel_is_archived',
  'user_is_restricted',
  'cannot_reply_to_message',
]);

/** Slack's own words for "something broke on our side, part of it may have happened". */
const UNKNOWN_OUTCOME_ERRORS: ReadonlySet<string> = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export type SlackFailure =
  /** Slack said no for now: wait `retryAfterSeconds`. The message was not posted. */
  | { kind: 'rate_limited'; retryAfterSeconds: number; code: string }
  /** Slack refused and will refuse again. The message was not posted. */
  | { kind: 'permanent'; code: string }
  /** Slack answered with an error that may pass later. The message was not posted. */
  | { kind: 'refused'; code: string }
  /** No answer (timeout, connection reset, 5xx): the message may or may not have been posted. */
  | { kind: 'unknown_outcome'; code: string };

const DEFAULT_RETRY_AFTER_SECONDS = 30;

export function classifySlackError(error: unknown): SlackFailure {
  const fields = readFields(error);
  if (fields.code === 'slack_webapi_rate_limited_error') {
    const seconds =
      typeof fields.retryAfter === 'number' && fields.retryAfter >= 0 ? fields.retryAfter : null;
    return {
      kind: 'rate_limited',
      retryAfterSeconds: seconds ?? DEFAULT_RETRY_AFTER_SECONDS,
      code: 'ratelimited',
    };
  }
  if (fields.code === 'slack_webapi_platform_error') {
    const code = fields.platformError ?? 'unknown_error';
    if (code === 'ratelimited' || code === 'rate_limited')
      return { kind: 'rate_limited', retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS, code };
    if (PERMANENT_SLACK_ERRORS.has(code)) return { kind: 'permanent', code };
    return UNKNOWN_OUTCOME_ERRORS.has(code) ? { kind: 'unknown_outcome', code } : { kind: 'refused', code };
  }
  if (fields.code === 'slack_webapi_http_error') {
    const status = fields.statusCode ?? 0;
    if (status === 429)
      return { kind: 'rate_limited', retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS, code: 'http_429' };
    // A 4xx means Slack read the request and did not act on it; a 5xx may come after the post was made.
    if (status >= 400 && status < 500) return { kind: 'refused', code: `http_${status}` };
    return { kind: 'unknown_outcome', code: `http_${status}` };
  }
  return { kind: 'unknown_outcome', code: fields.code ?? 'request_error' };
}

interface ErrorFields {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  platformError?: string;
}

function readFields(error: unknown): ErrorFields {
  if (typeof error !== 'object' || error === null) return {};
  const record = error as Record<string, unknown>;
  const data = record.data;
  const platformError =
    typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>).error === 'string'
      ? ((data as Record<string, unknown>).error as string)
      : undefined;
  return {
    code: typeof record.code === 'string' ? record.code : undefined,
    retryAfter: typeof record.retryAfter === 'number' ? record.retryAfter : undefined,
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : undefined,
    platformError,
  };
}
