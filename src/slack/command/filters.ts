import { DEFAULT_MUTE_SECONDS, MAX_MUTE_SECONDS } from '../../alerts/mutes.js';
import { ERROR_TEXT_MODES, type ErrorTextMode } from '../../alerts/types.js';
import { exampleId, isValidId } from '../../hcp/ids.js';
import {
  AGGREGATE_INVOCATION_STATUSES,
  INVOCATION_FINAL_STATUSES,
  INVOCATION_METHODS,
  RESOURCE_GROUP_STATUSES,
  ROOT_MODULE,
  RUN_SOURCES,
  type TimeRange,
} from '../../hcp/types.js';
import { parseDurationSeconds } from '../durations.js';
import { CommandProblem, shown } from './problem.js';
import type { FilterKey, TimeFilterKey } from './spec.js';
import { parseInstant, type TimeBound } from './time.js';

/** Values of `key:value` filters, checked and converted to the API's option types. */

export interface FilterToken {
  key: FilterKey;
  value: string;
  source: string;
}

export interface Choices<T extends string> {
  /** With its article: 'a run status'. */
  noun: string;
  values: readonly T[];
  aliases: ReadonlyMap<string, T>;
  /** Statuses also accept `-` for `_` (not-successful); sources contain `-` of their own. */
  dashesAreUnderscores: boolean;
}

export const RUN_STATUS_CHOICES: Choices<(typeof AGGREGATE_INVOCATION_STATUSES)[number]> = {
  noun: 'a run status',
  values: AGGREGATE_INVOCATION_STATUSES,
  aliases: new Map([
    ['failed', 'not_successful'],
    ['in_progress', 'run_in_progress'],
  ]),
  dashesAreUnderscores: true,
};
export const INVOCATION_STATUS_CHOICES: Choices<(typeof INVOCATION_FINAL_STATUSES)[number]> = {
  noun: 'an invocation status',
  values: INVOCATION_FINAL_STATUSES,
  aliases: new Map([['not_successful', 'failed']]),
  dashesAreUnderscores: true,
};
export const RESOURCE_STATUS_CHOICES: Choices<(typeof RESOURCE_GROUP_STATUSES)[number]> = {
  noun: 'a resource group status',
  values: RESOURCE_GROUP_STATUSES,
  aliases: new Map([['failed', 'not_successful']]),
  dashesAreUnderscores: true,
};
export const METHOD_CHOICES: Choices<(typeof INVOCATION_METHODS)[number]> = {
  noun: 'an invocation method',
  values: INVOCATION_METHODS,
  aliases: new Map(),
  dashesAreUnderscores: false,
};
export const SOURCE_CHOICES: Choices<(typeof RUN_SOURCES)[number]> = {
  noun: 'a run source',
  values: RUN_SOURCES,
  aliases: new Map(),
  dashesAreUnderscores: false,
};

export const ERROR_TEXT_CHOICES: Choices<(typeof ERROR_TEXT_MODES)[number]> = {
  noun: 'an error text mode',
  values: ERROR_TEXT_MODES,
  aliases: new Map(),
  dashesAreUnderscores: false,
};

export const MAX_PAGE = 10_000;
export const MAX_SEARCH_LENGTH = 200;
export const MAX_INVOKER_LENGTH = 100;
export const MAX_PROVIDER_LENGTH = 200;
export const MAX_MODULE_LENGTH = 500;
export const MIN_MUTE_SECONDS = 60;

const INVOKER = /^[\p{L}\p{N}._@+:-]+$/u;
const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const MODULE_ADDRESS = /^module\.[A-Za-z_][A-Za-z0-9_-]*(?:\.module\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const LINE_BREAK_OR_CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const TIME_BOUNDS: Readonly<Record<TimeFilterKey, TimeBound>> = {
  after: 'gt',
  since: 'gte',
  before: 'lt',
  until: 'lte',
};

/** `choice` or `choice (or alias)`, each in code quotes, for usage and error messages. */
export function describeChoices<T extends string>(choices: Choices<T>): string {
  return choices.values
    .map((value) => {
      const aliases = [...choices.aliases].filter(([, target]) => target === value).map(([alias]) => alias);
      const alternatives = aliases.map((alias) => ` (or \`${alias}\`)`).join('');
      return `\`${value}\`${alternatives}`;
    })
    .join(', ');
}

export function parseChoiceList<T extends string>(token: FilterToken, choices: Choices<T>): T[] {
  const chosen: T[] = [];
  for (const item of listItems(token)) {
    const lower = item.toLowerCase();
    const normalized = choices.dashesAreUnderscores ? lower.replaceAll('-', '_') : lower;
    const value =
      choices.values.find((candidate) => candidate === normalized) ?? choices.aliases.get(normalized);
    if (value === undefined) {
      throw new CommandProblem(
        `${token.key}: ${shown(item)} is not ${choices.noun}; use ${describeChoices(choices)}`,
      );
    }
    if (!chosen.includes(value)) chosen.push(value);
  }
  return chosen;
}

/** by: and not-by: take invoker names as the `invokers` subcommand lists them. */
/** `errors:auto` or `errors:off`: one mode, not a list. */
export function parseErrorTextMode(token: FilterToken): ErrorTextMode {
  const modes = parseChoiceList(token, ERROR_TEXT_CHOICES);
  const [mode] = modes;
  if (mode === undefined || modes.length > 1)
    throw new CommandProblem(`errors: takes one of ${describeChoices(ERROR_TEXT_CHOICES)}, not a list`);
  return mode;
}

export function parseInvokers(token: FilterToken): string[] {
  const invokers: string[] = [];
  for (const item of listItems(token)) {
    if (item.length > MAX_INVOKER_LENGTH) {
      throw new CommandProblem(
        `${token.key}: ${shown(item)} is ${item.length} characters long; an invoker has at most ${MAX_INVOKER_LENGTH}`,
      );
    }
    if (!INVOKER.test(item)) {
      throw new CommandProblem(
        `${token.key}: ${shown(item)} is not an invoker name (letters, digits and . _ @ + : -)`,
      );
    }
    if (!invokers.includes(item)) invokers.push(item);
  }
  return invokers;
}

export function parseProvider(token: FilterToken): string {
  const value = token.value;
  const wellFormed =
    value.length <= MAX_PROVIDER_LENGTH &&
    PROVIDER.test(value) &&
    !value.includes('..') &&
    !value.includes('//') &&
    !value.endsWith('/');
  if (!wellFormed) {
    throw new CommandProblem(
      `provider: ${shown(value)} is not a provider name (like terraform or hashicorp/aws); \`providers\` lists a workspace's providers`,
    );
  }
  return value;
}

/** `root` and `system:root_module` name the root module; others look like module.foo.module.bar. */
export function parseModuleAddress(token: FilterToken): string {
  const value = token.value;
  const lower = value.toLowerCase();
  if (lower === 'root' || lower === ROOT_MODULE) return ROOT_MODULE;
  if (value.length > MAX_MODULE_LENGTH || !MODULE_ADDRESS.test(value)) {
    throw new CommandProblem(
      `module: ${shown(value)} is not a module address; use \`root\` or one like \`module.network.module.vpc\``,
    );
  }
  return value;
}

export function parseSearch(token: FilterToken): string {
  const value = token.value.trim();
  if (value.length > MAX_SEARCH_LENGTH) {
    throw new CommandProblem(
      `q: the search text is ${value.length} characters long; at most ${MAX_SEARCH_LENGTH}`,
    );
  }
  if (LINE_BREAK_OR_CONTROL.test(value)) {
    throw new CommandProblem(`q: ${shown(value)} has a line break or a control character`);
  }
  return value;
}

export function parsePage(token: FilterToken): number {
  const page = /^\d{1,5}$/.test(token.value) ? Number(token.value) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) {
    throw new CommandProblem(`page: ${shown(token.value)} is not a page number from 1 to ${MAX_PAGE}`);
  }
  return page;
}

export function parseRunFilter(token: FilterToken): string {
  if (!isValidId('run', token.value)) {
    throw new CommandProblem(
      `run: ${shown(token.value)} is not a valid run ID (expected something like ${exampleId('run')})`,
    );
  }
  return token.value;
}

export function parseMuteDuration(token: FilterToken | undefined): number {
  if (!token) return DEFAULT_MUTE_SECONDS;
  const seconds = parseDurationSeconds(token.value);
  if (seconds === undefined) {
    throw new CommandProblem(`for: ${shown(token.value)} is not a duration; use one like 30m, 2h, 7d`);
  }
  if (seconds < MIN_MUTE_SECONDS)
    throw new CommandProblem(`for: ${shown(token.value)} is too short; the shortest mute is 1m`);
  if (seconds > MAX_MUTE_SECONDS)
    throw new CommandProblem(`for: ${shown(token.value)} is too long; the longest mute is 90d`);
  return seconds;
}

/** after:/since:/before:/until: as one range; a range that nothing can fall into is refused. */
export function parseTimeRange(
  tokens: Partial<Record<TimeFilterKey, FilterToken>>,
  now: Date,
): TimeRange | undefined {
  const range: TimeRange = {};
  for (const [key, bound] of Object.entries(TIME_BOUNDS) as [TimeFilterKey, TimeBound][]) {
    const token = tokens[key];
    if (!token) continue;
    const instant = parseInstant(token.value, now, bound);
    if (!instant.ok) throw new CommandProblem(`${key}: ${shown(token.value)} ${instant.reason}`);
    range[bound] = instant.iso;
  }
  if (Object.keys(range).length === 0) return undefined;
  checkRangeIsNotEmpty(range);
  return range;
}

function checkRangeIsNotEmpty(range: TimeRange): void {
  const lowers = [
    ['after', range.gt, false],
    ['since', range.gte, true],
  ] as const;
  const uppers = [
    ['before', range.lt, false],
    ['until', range.lte, true],
  ] as const;
  for (const [lowerKey, lower, lowerInclusive] of lowers) {
    for (const [upperKey, upper, upperInclusive] of uppers) {
      if (lower === undefined || upper === undefined) continue;
      const empty = lowerInclusive && upperInclusive ? lower > upper : lower >= upper;
      if (empty) {
        throw new CommandProblem(
          `the time range is empty: ${lowerKey}:${lower} is not earlier than ${upperKey}:${upper}`,
        );
      }
    }
  }
}

function listItems(token: FilterToken): string[] {
  const items = token.value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new CommandProblem(
      `${token.key}: ${shown(token.value)} has an empty item; separate values with single commas`,
    );
  }
  return items;
}
