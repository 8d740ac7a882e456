import { renderHelp } from '../../blocks/help.js';
import { parseTopic } from '../arguments.js';
import type { QueryModule } from '../module.js';
import { SUBCOMMAND_NAMES, type SubcommandName } from '../names.js';
import { spec } from '../spec.js';

export type HelpRequest = { command: 'help'; topic?: SubcommandName };

export const helpCommand: QueryModule<HelpRequest> = {
  kind: 'query',
  spec: spec(['topic'], [], 1),
  usage: {
    syntax: 'help [SUBCOMMAND]',
    summary: 'This help, or the usage of one subcommand.',
    notes: [`Subcommands: ${SUBCOMMAND_NAMES.map((name) => `\`${name}\``).join(', ')}.`],
    example: 'help runs',
  },
  parse: ({ words }) =>
    words[0] === undefined ? { command: 'help' } : { command: 'help', topic: parseTopic(words[0]) },
  words: (request) => (request.topic ? ['help', request.topic] : ['help']),
  subject: () => 'help',
  execute: async (request, { usageFor }) => renderHelp(usageFor(request.topic)),
};
