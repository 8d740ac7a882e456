/** What a subcommand accepts: its positional words and its `key:value` filters. */

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
  | 'for'
  | 'errors'
  | 'project'
  | 'tag';

/** Keys that may be given more than once (each adds one more condition); every other key once. */
export const REPEATABLE_FILTER_KEYS: readonly FilterKey[] = ['project', 'tag'];

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

export function spec(
  positionals: readonly PositionalKind[],
  filters: readonly FilterKey[] = [],
  optionalPositionals = 0,
): SubcommandSpec {
  return { positionals, filters, optionalPositionals };
}
