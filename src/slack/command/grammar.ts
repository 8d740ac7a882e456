import { unknownSubcommandMessage, WORKSPACE_SHAPES } from './arguments.js';
import type { FilterToken } from './filters.js';
import type { CommandInput } from './input.js';
import { resolveSubcommand, type SubcommandName } from './names.js';
import { CommandProblem, shown } from './problem.js';
import { type CommandRequest, SUBCOMMANDS } from './registry.js';
import { type FilterKey, type PositionalKind, REPEATABLE_FILTER_KEYS } from './spec.js';
import { closestMatch } from './suggest.js';
import { decodeSlackEntities, findHiddenCharacter, type Token, tokenize } from './tokenize.js';
import type { UsageError } from './types.js';
import { helpText, usageFor } from './usage.js';

export type ParseResult = { ok: true; request: CommandRequest } | { ok: false; error: UsageError };

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
  return SUBCOMMANDS[subcommand].parse(collectInput(subcommand, rest, now));
}

function collectInput(subcommand: SubcommandName, tokens: readonly Token[], now: Date): CommandInput {
  const words: string[] = [];
  const filters = new Map<FilterKey, FilterToken>();
  const repeated = new Map<FilterKey, FilterToken[]>();
  for (const token of tokens) {
    if (token.kind === 'word') {
      words.push(token.text);
      continue;
    }
    const { key } = token;
    if (!isFilterKey(key, subcommand)) throw new CommandProblem(unknownFilterMessage(subcommand, key));
    const repeatable = REPEATABLE_FILTER_KEYS.includes(key);
    if (filters.has(key) && !repeatable)
      throw new CommandProblem(`${key}: is given twice; give it once (a list takes commas)`);
    if (token.value.trim() === '') throw new CommandProblem(emptyValueMessage(key, token.source));
    const filter = { key, value: token.value, source: token.source };
    if (!filters.has(key)) filters.set(key, filter);
    if (repeatable) repeated.set(key, [...(repeated.get(key) ?? []), filter]);
  }
  checkPositionalCount(subcommand, words);
  return { subcommand, words, filters, repeated, now };
}

function checkPositionalCount(subcommand: SubcommandName, words: readonly string[]): void {
  const { positionals, optionalPositionals } = SUBCOMMANDS[subcommand].spec;
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
  const valid = SUBCOMMANDS[subcommand].spec.filters;
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

function guessSubcommand(text: string): SubcommandName | undefined {
  const first = /^\s*(\S{1,20})/.exec(text.slice(0, 64))?.[1];
  return first ? resolveSubcommand(first) : undefined;
}

function isFilterKey(key: string, subcommand: SubcommandName): key is FilterKey {
  return (SUBCOMMANDS[subcommand].spec.filters as readonly string[]).includes(key);
}
