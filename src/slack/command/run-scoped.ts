import type { ActionRunRef, PageOptions } from '../../hcp/types.js';
import { parseActionId, parseRunId } from './arguments.js';
import { type Choices, describeChoices, parseChoiceList, parsePage, parseSearch } from './filters.js';
import { type CommandInput, optional, withoutUndefined, word } from './input.js';
import { spec } from './spec.js';
import { NOTES } from './usage-notes.js';
import { commandText, filter, listFilter, pageFilter } from './words.js';

/** What `invocations` and `resources` share: one action in one run, filtered by status and text. */
export interface RunScopedOptions<Status extends string> extends PageOptions {
  statuses?: Status[];
  q?: string;
}

export interface RunScopedRequest<Command extends string, Status extends string> extends ActionRunRef {
  command: Command;
  options: RunScopedOptions<Status>;
}

export const RUN_SCOPED_SPEC = spec(['action-id', 'run-id'], ['status', 'q', 'page']);

export function runScopedNotes<Status extends string>(statuses: Choices<Status>): string[] {
  return [`\`status:\` ${describeChoices(statuses)}.`, NOTES.search, NOTES.lists, NOTES.page];
}

export function parseRunScoped<Command extends string, Status extends string>(
  command: Command,
  input: CommandInput,
  statuses: Choices<Status>,
): RunScopedRequest<Command, Status> {
  return {
    command,
    actionId: parseActionId(word(input, 0)),
    runId: parseRunId(word(input, 1)),
    options: withoutUndefined({
      statuses: optional(input, 'status', (token) => parseChoiceList(token, statuses)),
      q: optional(input, 'q', parseSearch),
      pageNumber: optional(input, 'page', parsePage),
    }),
  };
}

export function runScopedWords(request: RunScopedRequest<string, string>): string[] {
  return [
    request.command,
    request.actionId,
    request.runId,
    ...listFilter('status', request.options.statuses),
    ...filter('q', request.options.q),
    ...pageFilter(request.options.pageNumber),
  ];
}

export function runScopedSubject(request: RunScopedRequest<string, string>): string {
  return `action ${request.actionId} in run ${request.runId}`;
}

export function runScopedPageCommand(
  request: RunScopedRequest<string, string>,
): (pageNumber: number) => string {
  return (pageNumber) =>
    commandText(runScopedWords({ ...request, options: { ...request.options, pageNumber } }));
}
