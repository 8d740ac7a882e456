import { isHcpError } from '../hcp/errors.js';
import type { PollErrorClass } from './health.js';
import { WorkspaceNotFound } from './poll-reads.js';

/** A failed poll, reduced to what health keeps: a class and a message without tokens (HCP error messages carry none). */
export function classifyPollFailure(error: unknown): { errorClass: PollErrorClass; message: string } {
  const cause = error instanceof WorkspaceNotFound ? error.cause : error;
  if (!isHcpError(cause)) return { errorClass: 'internal', message: 'an unexpected error inside tfactions' };
  const errorClass: PollErrorClass = (() => {
    switch (cause.kind) {
      case 'unauthorized':
        return cause.httpStatus === 403 ? 'forbidden' : 'unauthorized';
      case 'malformed_response':
        return 'unreadable';
      default:
        return cause.kind;
    }
  })();
  return { errorClass, message: `${cause.message} (${cause.request})` };
}

export interface OutageWords {
  /** Why alerts are not working, one sentence. */
  why: string;
  /** What fixes it, one sentence. */
  fix: string;
}

/** The channel's words for each kind of outage: 401 and 403 differ, because their fixes differ. */
export function describeOutage(errorClass: PollErrorClass, workspaceLabel: string): OutageWords {
  switch (errorClass) {
    case 'unauthorized':
      return {
        why: 'HCP Terraform rejects the API token of tfactions (401): it is invalid, expired or revoked.',
        fix: 'The operator of tfactions must create a new team or user API token and set it as `TFE_TOKEN` (then restart the worker).',
      };
    case 'forbidden':
      return {
        why: 'HCP Terraform accepts the API token but refuses it this workspace (403): the token’s team lacks access to the workspace or to its runs.',
        fix: `In HCP Terraform, give the token’s team at least the *Read runs* permission on ${workspaceLabel} (or use a token that has it).`,
      };
    case 'not_found':
      return {
        why: 'HCP Terraform answers 404 for this workspace: it was deleted, or the token has no access to it, or the organization is not entitled to Terraform actions.',
        fix: `Give the token’s team access to ${workspaceLabel}, or \`/tfactions unsubscribe ${workspaceLabel}\` if it is gone.`,
      };
    case 'unreadable':
      return {
        why: 'HCP Terraform sends answers tfactions cannot read.',
        fix: 'Tell the operator of tfactions: the worker log names the request and what was unreadable.',
      };
    case 'rate_limited':
      return {
        why: 'HCP Terraform keeps rate limiting tfactions (429).',
        fix: 'Other clients share the token’s rate limit; the operator can raise `POLL_INTERVAL_SECONDS` or use a token of its own.',
      };
    case 'server':
    case 'timeout':
    case 'network':
      return {
        why: 'HCP Terraform does not answer (server errors, timeouts or no connection).',
        fix: 'Nothing to do here if HCP Terraform has an outage; otherwise the operator should check `TFE_ADDRESS` and the network of the worker.',
      };
    case 'invalid_request':
      return {
        why: 'HCP Terraform refuses the requests tfactions makes for this subscription.',
        fix: 'Tell the operator of tfactions: the worker log names the request. Subscribing again may help if the filters no longer apply.',
      };
    case 'internal':
      return {
        why: 'tfactions fails while polling this workspace.',
        fix: 'Tell the operator of tfactions: the worker log has the error.',
      };
  }
}
