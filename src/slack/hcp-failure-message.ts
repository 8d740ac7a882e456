import { isHcpError } from '../hcp/errors.js';
import { InvalidIdError } from '../hcp/ids.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';

export interface FailureWords {
  title: string;
  detail: string;
}

/** HCP Terraform failures in the plain words a Slack user can act on. */
export function describeFailure(error: unknown, subject: string): FailureWords {
  if (error instanceof InvalidIdError)
    return { title: 'That ID is not valid', detail: escapeMrkdwn(error.message) };
  if (!isHcpError(error))
    return {
      title: 'Something went wrong',
      detail: 'tfactions hit an unexpected error; it is logged for the operator. Please try again.',
    };
  switch (error.kind) {
    case 'not_found':
      return {
        title: `${capitalize(subject)} not found`,
        detail: `HCP Terraform answered 404 for ${subject}: it does not exist, or the bot's token has no access to it, or the organization is not entitled to Terraform actions.`,
      };
    case 'unauthorized':
      return {
        title: 'The bot cannot sign in to HCP Terraform',
        detail:
          "HCP Terraform rejected the bot's API token (401). Ask the operator of tfactions to renew TFE_TOKEN.",
      };
    case 'invalid_request':
      return { title: 'HCP Terraform refused the query', detail: escapeMrkdwn(error.message) };
    case 'rate_limited':
      return {
        title: 'HCP Terraform is busy',
        detail: 'HCP Terraform is rate limiting the bot right now. Try again in a minute.',
      };
    case 'server':
    case 'timeout':
    case 'network':
      return {
        title: 'HCP Terraform did not answer',
        detail: `${escapeMrkdwn(error.message)}, even after retries. Try again shortly.`,
      };
    case 'malformed_response':
      return {
        title: 'HCP Terraform sent an unreadable answer',
        detail: `${escapeMrkdwn(error.message)}. Try again shortly; if it persists, tell the operator.`,
      };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
