/**
 * The subcommands of `/tfactions`, in the order help lists them. Each name has one module in
 * `subcommands/` and one entry in the table of `registry.ts`; the compiler checks that the two agree.
 */
export const SUBCOMMAND_NAMES = [
  'help',
  'actions',
  'providers',
  'action',
  'runs',
  'invokers',
  'invocations',
  'resources',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'mute',
  'unmute',
  'doctor',
  'webhook',
] as const;

/** Canonical names; the aliases `list` (actions) and `show` (action) resolve to these. */
export type SubcommandName = (typeof SUBCOMMAND_NAMES)[number];

export const SUBCOMMAND_ALIASES: ReadonlyMap<string, SubcommandName> = new Map([
  ['list', 'actions'],
  ['show', 'action'],
]);

/** The canonical subcommand a word names (case-insensitive, aliases resolved), if any. */
export function resolveSubcommand(word: string): SubcommandName | undefined {
  const lower = word.toLowerCase();
  return SUBCOMMAND_NAMES.find((name) => name === lower) ?? SUBCOMMAND_ALIASES.get(lower);
}
