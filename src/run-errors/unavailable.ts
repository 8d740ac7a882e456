/** One sentence per reason the error text cannot be shown; never a stack trace, never a URL. */

import { isHcpError } from '../hcp/errors.js';
import type { LogReadOutcome } from '../hcp/log-stream.js';
import type { ActionErrorUnavailable } from './types.js';

export type LogProblem = Exclude<LogReadOutcome, { kind: 'complete' }>;

export function unavailableForLog(problem: LogProblem): ActionErrorUnavailable {
  switch (problem.kind) {
    case 'forbidden':
      // Kept briefly: once the team is given the permission, the next click should show the error.
      return transient(
        "The run's log could not be read: HCP Terraform refused it (403), which means the token's team may read runs but not logs.",
      );
    case 'expired':
      return transient(
        "The run's log could not be read: its short-lived download link had expired before it was used.",
      );
    case 'not_found':
      return permanent("The run's log could not be read: HCP Terraform no longer has it (404).");
    case 'too_big':
      return permanent(
        `The run's log is larger than ${megabytes(problem.maxBytes)}; tfactions reads only that much of it and found no error there.`,
      );
    case 'timeout':
      return transient(
        `The run's log could not be read within ${Math.round(problem.afterMs / 1000)} s; it may be available later.`,
      );
    case 'network':
      return transient(`The run's log could not be read: the connection failed (${problem.cause}).`);
    case 'http_error':
      return transient(`The run's log could not be read: the log server answered HTTP ${problem.status}.`);
  }
}

export function unavailableForApi(error: unknown): ActionErrorUnavailable {
  if (!isHcpError(error))
    return transient("The run's details could not be read from HCP Terraform: unexpected failure.");
  const sentence = `The run's details could not be read from HCP Terraform: ${error.message.replace(/\.$/, '')}.`;
  return error.retryable ? transient(sentence) : permanent(sentence);
}

export function noLogYet(): ActionErrorUnavailable {
  return transient('The run has no log to read yet: HCP Terraform gave no log link for its plan or apply.');
}

export function noErrorsInLog(): ActionErrorUnavailable {
  return permanent("The run's logs hold no error diagnostics, for this action or any other.");
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function permanent(unavailable: string): ActionErrorUnavailable {
  return { unavailable, transient: false };
}

function transient(unavailable: string): ActionErrorUnavailable {
  return { unavailable, transient: true };
}
