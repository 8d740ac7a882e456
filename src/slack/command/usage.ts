import type { SubcommandName } from './names.js';
import { SUBCOMMAND_NAMES } from './names.js';
import { SUBCOMMANDS } from './registry.js';
import { NOTES } from './usage-notes.js';

function command(text: string): string {
  return `\`/tfactions ${text}\``;
}

/** The usage of one subcommand with an example; the general help when none is given. */
export function usageFor(subcommand?: SubcommandName): string {
  if (subcommand === undefined) return helpText();
  const entry = SUBCOMMANDS[subcommand].usage;
  return [
    `*Usage:* ${command(entry.syntax)}`,
    entry.summary,
    ...entry.notes.map((note) => `• ${note}`),
    `*Example:* ${command(entry.example)}`,
  ].join('\n');
}

/** Every subcommand with one example, and the conventions shared by all. */
export function helpText(): string {
  return [
    '*/tfactions*: Terraform actions of HCP Terraform in Slack.',
    ...SUBCOMMAND_NAMES.map((name) => {
      const { example, summary } = SUBCOMMANDS[name].usage;
      return `• ${command(example)}: ${summary}`;
    }),
    NOTES.workspace,
    NOTES.times,
    `Filters are \`key:value\`; ${NOTES.lists.charAt(0).toLowerCase()}${NOTES.lists.slice(1)} ${NOTES.page}`,
  ].join('\n');
}
