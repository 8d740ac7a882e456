import { renderProviders } from '../../blocks/filter-options.js';
import { describeWorkspaceRef } from '../../workspace-resolver.js';
import { parseWorkspace } from '../arguments.js';
import { word } from '../input.js';
import type { QueryModule } from '../module.js';
import { spec } from '../spec.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES } from '../usage-notes.js';
import { workspaceText } from '../words.js';

export type ProvidersRequest = { command: 'providers'; workspace: WorkspaceRef };

export const providersCommand: QueryModule<ProvidersRequest> = {
  kind: 'query',
  spec: spec(['workspace']),
  usage: {
    syntax: 'providers WORKSPACE',
    summary: "The providers of a workspace's actions.",
    notes: [NOTES.workspace],
    example: `providers ${EXAMPLE.workspaceId}`,
  },
  parse: (input) => ({ command: 'providers', workspace: parseWorkspace(word(input, 0)) }),
  words: (request) => ['providers', workspaceText(request.workspace)],
  subject: (request) => describeWorkspaceRef(request.workspace),
  execute: async (request, { deps, workspaces, renderContext }) => {
    const workspace = await workspaces.resolve(request.workspace);
    const options = await deps.hcp.getActionFilterOptions(workspace.id);
    return renderProviders(options, renderContext(undefined, workspace));
  },
};
