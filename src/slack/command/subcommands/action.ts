import { renderActionDetail } from '../../blocks/action-detail.js';
import { workspaceOf } from '../action-workspace.js';
import { parseActionId } from '../arguments.js';
import { word } from '../input.js';
import type { QueryModule } from '../module.js';
import { spec } from '../spec.js';
import { EXAMPLE } from '../usage-notes.js';

export type ActionRequest = { command: 'action'; actionId: string };

export const actionCommand: QueryModule<ActionRequest> = {
  kind: 'query',
  spec: spec(['action-id']),
  usage: {
    syntax: 'action ACTION_ID',
    summary: 'One action: address, module, provider, invocation count. Alias: `show`.',
    notes: [],
    example: `action ${EXAMPLE.action}`,
  },
  parse: (input) => ({ command: 'action', actionId: parseActionId(word(input, 0)) }),
  words: (request) => ['action', request.actionId],
  subject: (request) => `action ${request.actionId}`,
  execute: async (request, { deps, workspaces, renderContext }) => {
    const action = await deps.hcp.getAction(request.actionId);
    const workspace = await workspaceOf(action, workspaces);
    return renderActionDetail(action, renderContext(undefined, workspace));
  },
};
