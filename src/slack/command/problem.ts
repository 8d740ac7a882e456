import { quotedForMessage } from '../../hcp/ids.js';
import type { SubcommandName } from './names.js';

/** What was wrong with a command; thrown inside the grammar and turned into a UsageError by parseCommand. */
export class CommandProblem extends Error {
  constructor(
    message: string,
    readonly subcommand?: SubcommandName,
  ) {
    super(message);
    this.name = 'CommandProblem';
  }
}

/** Characters that are never part of a command: invisible, control (other than whitespace), unassigned. */
export const HIDDEN_CHARACTER = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, 'gu');

/**
 * Untrusted input as it may appear in a message: shortened, quoted, hidden characters made visible and
 * `& < >` escaped so that Slack mrkdwn shows it as text (no mentions, no links).
 */
export function shown(value: string): string {
  return quotedForMessage(value.replace(HIDDEN_CHARACTERS, '\uFFFD'))
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
