import type { SubcommandName } from './types.js';

export type TimeFilterKey = 'after' | 'since' | 'before' | 'until';
export type FilterKey =
  | 'provider'
  | 'module'
  | TimeFilterKey
  | 'status'
  | 'method'
  | 'by'
  | 'not-by'
  | 'source'
  | 'run'
  | 'q'
  | 'page'
  | 'for';

export type PositionalKind = 'workspace' | 'action-id' | 'run-id' | 'topic';

export interface SubcommandSpec {
  /** Positional words, in order. */
  positionals: readonly PositionalKind[];
  /** How many of the trailing positionals may be left out. */
  optionalPositionals: number;
  filters: readonly FilterKey[];
}

export const TIME_FILTER_KEYS = [
  'after',
  'since',
  'before',
  'until',
] as const satisfies readonly TimeFilterKey[];

function spec(
  positionals: readonly PositionalKind[],
  filters: readonly FilterKey[] = [],
  optionalPositionals = 0,
): SubcommandSpec {
  return { positionals, filters, optionalPositionals };
}

export const SUBCOMMANDS: Readonly<Record<SubcommandName, SubcommandSpec>> = {
  help: spec(['topic'], [], 1),
  actions: spec(['workspace'], ['provider', 'module', ...TIME_FILTER_KEYS, 'page']),
  providers: spec(['workspace']),
  action: spec(['action-id']),
  runs: spec(['action-id'], ['status', 'method', 'by', 'source', 'run', ...TIME_FILTER_KEYS, 'page']),
  invokers: spec(['action-id']),
  invocations: spec(['action-id', 'run-id'], ['status', 'q', 'page']),
  resources: spec(['action-id', 'run-id'], ['status', 'q', 'page']),
  subscribe: spec(['workspace'], ['provider', 'module', 'method', 'source', 'by', 'not-by']),
  unsubscribe: spec(['workspace']),
  subscriptions: spec([]),
  mute: spec(['action-id'], ['for']),
  unmute: spec(['action-id']),
  doctor: spec([]),
};

export const SUBCOMMAND_NAMES = Object.keys(SUBCOMMANDS) as readonly SubcommandName[];

export const SUBCOMMAND_ALIASES: ReadonlyMap<string, SubcommandName> = new Map([
  ['list', 'actions'],
  ['show', 'action'],
]);

/** The canonical subcommand a word names (case-insensitive, aliases resolved), if any. */
export function resolveSubcommand(word: string): SubcommandName | undefined {
  const lower = word.toLowerCase();
  return SUBCOMMAND_NAMES.find((name) => name === lower) ?? SUBCOMMAND_ALIASES.get(lower);
}

export function isFilterKey(key: string, subcommand: SubcommandName): key is FilterKey {
  return (SUBCOMMANDS[subcommand].filters as readonly string[]).includes(key);
}
