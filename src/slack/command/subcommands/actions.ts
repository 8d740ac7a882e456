import type { ListActionsOptions } from '../../../hcp/types.js';
import { renderActionList } from '../../blocks/actions.js';
import { describeWorkspaceRef } from '../../workspace-resolver.js';
import { parseWorkspace } from '../arguments.js';
import { parseModuleAddress, parsePage, parseProvider } from '../filters.js';
import { optional, timeRange, withoutUndefined, word } from '../input.js';
import type { QueryModule } from '../module.js';
import { spec, TIME_FILTER_KEYS } from '../spec.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES, TIMES_SYNTAX } from '../usage-notes.js';
import { commandText, filter, moduleText, pageFilter, timeFilters, workspaceText } from '../words.js';

/** options.pageNumber comes from page:N */
export type ActionsRequest = { command: 'actions'; workspace: WorkspaceRef; options: ListActionsOptions };

export const actionsCommand: QueryModule<ActionsRequest> = {
  kind: 'query',
  spec: spec(['workspace'], ['provider', 'module', ...TIME_FILTER_KEYS, 'page']),
  usage: {
    syntax: `actions WORKSPACE [provider:P] [module:M] ${TIMES_SYNTAX} [page:N]`,
    summary: 'Terraform actions of a workspace; times filter on their last invocation. Alias: `list`.',
    notes: [NOTES.workspace, NOTES.provider, NOTES.module, NOTES.times, NOTES.page],
    example: `actions ${EXAMPLE.workspaceName} module:root since:7d`,
  },
  parse: (input) => ({
    command: 'actions',
    workspace: parseWorkspace(word(input, 0)),
    options: withoutUndefined({
      provider: optional(input, 'provider', parseProvider),
      moduleAddress: optional(input, 'module', parseModuleAddress),
      lastInvokedAt: timeRange(input),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  words: ({ workspace, options }) => [
    'actions',
    workspaceText(workspace),
    ...filter('provider', options.provider),
    ...filter('module', moduleText(options.moduleAddress)),
    ...timeFilters(options.lastInvokedAt),
    ...pageFilter(options.pageNumber),
  ],
  subject: (request) => describeWorkspaceRef(request.workspace),
  execute: async (request, { deps, workspaces, renderContext }) => {
    const workspace = await workspaces.resolve(request.workspace);
    const page = await deps.hcp.listActions(workspace.id, request.options);
    // Pages name the workspace by ID: one lookup fewer, and a renamed workspace keeps paging.
    const forPage = (pageNumber: number) =>
      commandText(
        actionsCommand.words({
          ...request,
          workspace: { kind: 'id', id: workspace.id },
          options: { ...request.options, pageNumber },
        }),
      );
    return renderActionList(page, workspace, renderContext(forPage, workspace));
  },
};
