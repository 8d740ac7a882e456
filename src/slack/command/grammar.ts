import type { TimeRange } from '../../hcp/types.js';
import {
  parseActionId,
  parseRunId,
  parseTopic,
  parseWorkspace,
  unknownSubcommandMessage,
  WORKSPACE_SHAPES,
} from './arguments.js';
import {
  type FilterToken,
  INVOCATION_STATUS_CHOICES,
  METHOD_CHOICES,
  parseChoiceList,
  parseInvokers,
  parseModuleAddress,
  parseMuteDuration,
  parsePage,
  parseProvider,
  parseRunFilter,
  parseSearch,
  parseTimeRange,
  RESOURCE_STATUS_CHOICES,
  RUN_STATUS_CHOICES,
  SOURCE_CHOICES,
} from './filters.js';
import { CommandProblem, shown } from './problem.js';
import {
  type FilterKey,
  isFilterKey,
  type PositionalKind,
  resolveSubcommand,
  SUBCOMMANDS,
} from './subcommands.js';
import { closestMatch } from './suggest.js';
import { decodeSlackEntities, findHiddenCharacter, type Token, tokenize } from './tokenize.js';
import type { CommandRequest, ParseResult, SubcommandName } from './types.js';
import { helpText, usageFor } from './usage.js';

export const MAX_COMMAND_LENGTH = 2000;

/** Text of `/tfactions` to a typed request, or a usage error that says what was wrong. Never throws. */
export function parseCommand(text: string, now: Date): ParseResult {
  const source = typeof text === 'string' ? text : '';
  const context: { subcommand?: SubcommandName } = { subcommand: guessSubcommand(source) };
  try {
    return { ok: true, request: readCommand(source, now, context) };
  } catch (error) {
    const message =
      error instanceof CommandProblem
        ? error.message
        : 'this command could not be read; compare it with the usage';
    const subcommand = context.subcommand;
    return subcommand
      ? { ok: false, error: { message, usage: usageFor(subcommand), subcommand } }
      : { ok: false, error: { message, usage: helpText() } };
  }
}

interface CommandInput {
  subcommand: SubcommandName;
  words: readonly string[];
  filters: ReadonlyMap<FilterKey, FilterToken>;
  now: Date;
}

function readCommand(text: string, now: Date, context: { subcommand?: SubcommandName }): CommandRequest {
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new CommandProblem(
      `the command is ${text.length} characters long; at most ${MAX_COMMAND_LENGTH} are accepted`,
    );
  }
  const decoded = decodeSlackEntities(text);
  const hidden = findHiddenCharacter(decoded);
  if (hidden) {
    throw new CommandProblem(
      `${shown(hidden.word)} contains an invisible or control character (${hidden.codePoint}); retype it`,
    );
  }
  const tokenized = tokenize(decoded);
  if (!tokenized.ok) throw new CommandProblem(tokenized.message);
  const [head, ...rest] = tokenized.tokens;
  if (!head) return { command: 'help' };
  if (head.kind === 'filter') {
    context.subcommand = undefined;
    throw new CommandProblem(`start with a subcommand, then filters; ${shown(head.source)} is a filter`);
  }
  const subcommand = resolveSubcommand(head.text);
  context.subcommand = subcommand;
  if (!subcommand) throw new CommandProblem(unknownSubcommandMessage(head.text));
  return BUILDERS[subcommand](collectInput(subcommand, rest, now));
}

function collectInput(subcommand: SubcommandName, tokens: readonly Token[], now: Date): CommandInput {
  const words: string[] = [];
  const filters = new Map<FilterKey, FilterToken>();
  for (const token of tokens) {
    if (token.kind === 'word') {
      words.push(token.text);
      continue;
    }
    const { key } = token;
    if (!isFilterKey(key, subcommand)) throw new CommandProblem(unknownFilterMessage(subcommand, key));
    if (filters.has(key))
      throw new CommandProblem(`${key}: is given twice; give it once (a list takes commas)`);
    if (token.value.trim() === '') throw new CommandProblem(emptyValueMessage(key, token.source));
    filters.set(key, { key, value: token.value, source: token.source });
  }
  checkPositionalCount(subcommand, words);
  return { subcommand, words, filters, now };
}

function checkPositionalCount(subcommand: SubcommandName, words: readonly string[]): void {
  const { positionals, optionalPositionals } = SUBCOMMANDS[subcommand];
  const missing = positionals[words.length];
  if (missing && words.length < positionals.length - optionalPositionals) {
    throw new CommandProblem(`\`${subcommand}\` needs ${POSITIONAL_NEEDS[missing]}`);
  }
  const extra = words[positionals.length];
  if (extra !== undefined) {
    const hint = extra.includes(':') ? '' : '; filters look like key:value';
    throw new CommandProblem(`unexpected extra word ${shown(extra)} for \`${subcommand}\`${hint}`);
  }
}

const POSITIONAL_NEEDS: Readonly<Record<PositionalKind, string>> = {
  workspace: `a workspace: ${WORKSPACE_SHAPES}`,
  'action-id': 'an action ID (like action-ryh1uSaExmQqK72V); `actions WORKSPACE` lists them',
  'run-id': 'a run ID after the action ID (like run-KTuq99JSzgmDSvYj); `runs ACTION_ID` lists them',
  topic: 'a subcommand name',
};

function unknownFilterMessage(subcommand: SubcommandName, key: string): string {
  const valid = SUBCOMMANDS[subcommand].filters;
  if (valid.length === 0)
    return `unknown filter key for ${subcommand}: ${shown(key)}; \`${subcommand}\` takes no filters`;
  const suggestion = closestMatch(key, valid);
  const hint = suggestion ? ` (did you mean ${suggestion}:?)` : '';
  return `unknown filter key for ${subcommand}: ${shown(key)}${hint}; valid filters: ${valid.join(', ')}`;
}

function emptyValueMessage(key: FilterKey, source: string): string {
  const hint = source.endsWith(':') ? `; write it right after the colon, with no space` : '';
  return `${key} needs a value${hint}`;
}

type Builders = { [K in SubcommandName]: (input: CommandInput) => Extract<CommandRequest, { command: K }> };

const BUILDERS: Builders = {
  help: ({ words }) =>
    words[0] === undefined ? { command: 'help' } : { command: 'help', topic: parseTopic(words[0]) },
  actions: (input) => ({
    command: 'actions',
    workspace: parseWorkspace(word(input, 0)),
    options: withoutUndefined({
      provider: optional(input, 'provider', parseProvider),
      moduleAddress: optional(input, 'module', parseModuleAddress),
      lastInvokedAt: timeRange(input),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  providers: (input) => ({ command: 'providers', workspace: parseWorkspace(word(input, 0)) }),
  action: (input) => ({ command: 'action', actionId: parseActionId(word(input, 0)) }),
  runs: (input) => ({
    command: 'runs',
    actionId: parseActionId(word(input, 0)),
    options: withoutUndefined({
      statuses: optional(input, 'status', (token) => parseChoiceList(token, RUN_STATUS_CHOICES)),
      invocationMethods: optional(input, 'method', (token) => parseChoiceList(token, METHOD_CHOICES)),
      invokedBy: optional(input, 'by', parseInvokers),
      sources: optional(input, 'source', (token) => parseChoiceList(token, SOURCE_CHOICES)),
      runId: optional(input, 'run', parseRunFilter),
      invokedAt: timeRange(input),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  invokers: (input) => ({ command: 'invokers', actionId: parseActionId(word(input, 0)) }),
  invocations: (input) => ({
    command: 'invocations',
    actionId: parseActionId(word(input, 0)),
    runId: parseRunId(word(input, 1)),
    options: withoutUndefined({
      statuses: optional(input, 'status', (token) => parseChoiceList(token, INVOCATION_STATUS_CHOICES)),
      q: optional(input, 'q', parseSearch),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  resources: (input) => ({
    command: 'resources',
    actionId: parseActionId(word(input, 0)),
    runId: parseRunId(word(input, 1)),
    options: withoutUndefined({
      statuses: optional(input, 'status', (token) => parseChoiceList(token, RESOURCE_STATUS_CHOICES)),
      q: optional(input, 'q', parseSearch),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  subscribe: (input) => {
    const invokedBy = optional(input, 'by', parseInvokers);
    const notInvokedBy = optional(input, 'not-by', parseInvokers);
    const both = invokedBy?.find((invoker) => notInvokedBy?.includes(invoker));
    if (both !== undefined) throw new CommandProblem(`${shown(both)} is in both by: and not-by:`);
    return {
      command: 'subscribe',
      workspace: parseWorkspace(word(input, 0)),
      filters: withoutUndefined({
        provider: optional(input, 'provider', parseProvider),
        moduleAddress: optional(input, 'module', parseModuleAddress),
        invocationMethods: optional(input, 'method', (token) => parseChoiceList(token, METHOD_CHOICES)),
        sources: optional(input, 'source', (token) => parseChoiceList(token, SOURCE_CHOICES)),
        invokedBy,
        notInvokedBy,
      }),
    };
  },
  unsubscribe: (input) => ({ command: 'unsubscribe', workspace: parseWorkspace(word(input, 0)) }),
  subscriptions: () => ({ command: 'subscriptions' }),
  mute: (input) => ({
    command: 'mute',
    actionId: parseActionId(word(input, 0)),
    durationSeconds: parseMuteDuration(input.filters.get('for')),
  }),
  unmute: (input) => ({ command: 'unmute', actionId: parseActionId(word(input, 0)) }),
  doctor: () => ({ command: 'doctor' }),
};

/** A positional word that checkPositionalCount already guaranteed. */
function word(input: CommandInput, index: number): string {
  const found = input.words[index];
  if (found === undefined) throw new CommandProblem(`\`${input.subcommand}\` needs more arguments`);
  return found;
}

function optional<T>(input: CommandInput, key: FilterKey, parse: (token: FilterToken) => T): T | undefined {
  const token = input.filters.get(key);
  return token ? parse(token) : undefined;
}

function timeRange(input: CommandInput): TimeRange | undefined {
  const { filters, now } = input;
  return parseTimeRange(
    {
      after: filters.get('after'),
      since: filters.get('since'),
      before: filters.get('before'),
      until: filters.get('until'),
    },
    now,
  );
}

/** Options carry only the filters that were given, so equal commands give deep-equal requests. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function guessSubcommand(text: string): SubcommandName | undefined {
  const first = /^\s*(\S{1,20})/.exec(text.slice(0, 64))?.[1];
  return first ? resolveSubcommand(first) : undefined;
}
