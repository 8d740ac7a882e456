import type { TimeRange } from '../../hcp/types.js';
import { type FilterToken, parseTimeRange } from './filters.js';
import type { SubcommandName } from './names.js';
import { CommandProblem } from './problem.js';
import type { FilterKey } from './spec.js';

/** One command after tokenizing: its positional words and its filters, checked against the spec. */
export interface CommandInput {
  subcommand: SubcommandName;
  words: readonly string[];
  filters: ReadonlyMap<FilterKey, FilterToken>;
  /** Every token of a repeatable key (REPEATABLE_FILTER_KEYS), in command order; `filters` holds the first. */
  repeated?: ReadonlyMap<FilterKey, readonly FilterToken[]>;
  now: Date;
}

/** A positional word that the grammar already counted. */
export function word(input: CommandInput, index: number): string {
  const found = input.words[index];
  if (found === undefined) throw new CommandProblem(`\`${input.subcommand}\` needs more arguments`);
  return found;
}

export function optional<T>(
  input: CommandInput,
  key: FilterKey,
  parse: (token: FilterToken) => T,
): T | undefined {
  const token = input.filters.get(key);
  return token ? parse(token) : undefined;
}

export function timeRange(input: CommandInput): TimeRange | undefined {
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
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
