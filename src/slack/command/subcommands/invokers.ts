import { renderInvokers } from '../../blocks/filter-options.js';
import { parseActionId } from '../arguments.js';
import { word } from '../input.js';
import type { QueryModule } from '../module.js';
import { spec } from '../spec.js';
import { EXAMPLE } from '../usage-notes.js';

export type InvokersRequest = { command: 'invokers'; actionId: string };

export const invokersCommand: QueryModule<InvokersRequest> = {
  kind: 'query',
  spec: spec(['action-id']),
  usage: {
    syntax: 'invokers ACTION_ID',
    summary: 'Who invoked an action (values for `by:`).',
    notes: [],
    example: `invokers ${EXAMPLE.action}`,
  },
  parse: (input) => ({ command: 'invokers', actionId: parseActionId(word(input, 0)) }),
  words: (request) => ['invokers', request.actionId],
  subject: (request) => `action ${request.actionId}`,
  execute: async (request, { deps, renderContext }) => {
    const options = await deps.hcp.getInvocationFilterOptions(request.actionId);
    return renderInvokers(options, renderContext());
  },
};
