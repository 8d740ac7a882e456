import type { CommandRequest } from './registry.js';
import { moduleOf } from './registry.js';
import { commandText } from './words.js';

/**
 * The canonical text of a request: canonical subcommand names, filters in a fixed order, absolute times,
 * `& < >` escaped as Slack sends them. parseCommand reads it back to a deep-equal request (buttons carry this
 * text to re-run a query).
 */
export function formatCommand(request: CommandRequest): string {
  return commandText(moduleOf(request).words(request));
}
