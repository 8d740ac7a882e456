import type { Action, Workspace } from '../../hcp/types.js';
import { renderActionDetail } from '../blocks/action-detail.js';
import { renderActionList } from '../blocks/actions.js';
import type { RenderContext } from '../blocks/context.js';
import { renderError } from '../blocks/errors.js';
import { renderInvokers, renderProviders } from '../blocks/filter-options.js';
import { renderHelp } from '../blocks/help.js';
import { renderInvocations } from '../blocks/invocations.js';
import type { SlackMessage } from '../blocks/message.js';
import { renderResourceGroups } from '../blocks/resource-groups.js';
import { renderRunSummaries } from '../blocks/run-summaries.js';
import type { ButtonEncoder } from '../buttons/payloads.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../hcp-words.js';
import { describeWorkspaceRef, type WorkspaceResolver } from '../workspace-resolver.js';
import { formatCommand } from './format.js';
import type { CommandRequest } from './types.js';
import { helpText, usageFor } from './usage.js';

export type QueryRequest = Extract<
  CommandRequest,
  { command: 'help' | 'actions' | 'providers' | 'action' | 'runs' | 'invokers' | 'invocations' | 'resources' }
>;

const QUERY_COMMANDS: ReadonlySet<CommandRequest['command']> = new Set([
  'help',
  'actions',
  'providers',
  'action',
  'runs',
  'invokers',
  'invocations',
  'resources',
]);

export function isQueryRequest(request: CommandRequest): request is QueryRequest {
  return QUERY_COMMANDS.has(request.command);
}

/** Where a result is shown decides what its buttons do. */
export interface QueryView {
  encoder: ButtonEncoder;
  buttonKind: 'query' | 'thread';
  shareable: boolean;
}

/** In an alert's thread, invocations come in one large page so failed ones can be listed first. */
const THREAD_PAGE_SIZE = 100;

/** Runs one read-only query against HCP Terraform and renders it; failures become a readable message. */
export async function executeQuery(
  request: QueryRequest,
  deps: Pick<SlackDeps, 'hcp' | 'config' | 'logger'>,
  workspaces: WorkspaceResolver,
  view: QueryView,
): Promise<SlackMessage> {
  const context = (commandForPage?: (page: number) => string, workspace?: Workspace): RenderContext => ({
    encoder: view.encoder,
    tfeAddress: deps.config.tfeAddress,
    buttonKind: view.buttonKind,
    shareable: view.shareable,
    ...(commandForPage ? { commandForPage } : {}),
    ...(workspace ? { workspace } : {}),
  });
  try {
    switch (request.command) {
      case 'help':
        return renderHelp(request.topic ? usageFor(request.topic) : helpText());
      case 'actions': {
        const workspace = await workspaces.resolve(request.workspace);
        const page = await deps.hcp.listActions(workspace.id, request.options);
        const forPage = (pageNumber: number) =>
          formatCommand({
            ...request,
            workspace: { kind: 'id', id: workspace.id },
            options: { ...request.options, pageNumber },
          });
        return renderActionList(page, workspace, context(forPage, workspace));
      }
      case 'providers': {
        const workspace = await workspaces.resolve(request.workspace);
        const options = await deps.hcp.getActionFilterOptions(workspace.id);
        return renderProviders(options, context(undefined, workspace));
      }
      case 'action': {
        const action = await deps.hcp.getAction(request.actionId);
        const workspace = await workspaceOf(action, workspaces);
        return renderActionDetail(action, context(undefined, workspace));
      }
      case 'runs': {
        const [page, action] = await Promise.all([
          deps.hcp.listRunSummaries(request.actionId, request.options),
          deps.hcp.getAction(request.actionId),
        ]);
        const workspace = await workspaceOf(action, workspaces);
        const forPage = (pageNumber: number) =>
          formatCommand({ ...request, options: { ...request.options, pageNumber } });
        return renderRunSummaries(page, action, context(forPage, workspace));
      }
      case 'invokers': {
        const options = await deps.hcp.getInvocationFilterOptions(request.actionId);
        return renderInvokers(options, context());
      }
      case 'invocations': {
        const failedFirst = view.buttonKind === 'thread' && request.options.statuses === undefined;
        const options = failedFirst ? { ...request.options, pageSize: THREAD_PAGE_SIZE } : request.options;
        const page = await deps.hcp.listInvocations(request.actionId, request.runId, options);
        const shown = failedFirst
          ? {
              ...page,
              // A stable sort keeps execution order inside each group.
              items: [...page.items].sort(
                (a, b) => Number(b.finalStatus === 'failed') - Number(a.finalStatus === 'failed'),
              ),
            }
          : page;
        const forPage = (pageNumber: number) =>
          formatCommand({ ...request, options: { ...request.options, pageNumber } });
        return renderInvocations(
          shown,
          { actionId: request.actionId, runId: request.runId },
          context(forPage),
        );
      }
      case 'resources': {
        const page = await deps.hcp.listResourceGroups(request.actionId, request.runId, request.options);
        const forPage = (pageNumber: number) =>
          formatCommand({ ...request, options: { ...request.options, pageNumber } });
        return renderResourceGroups(
          page,
          { actionId: request.actionId, runId: request.runId },
          context(forPage),
        );
      }
    }
  } catch (error) {
    const words = describeFailure(error, subjectOf(request));
    deps.logger.warn({ err: error, command: request.command }, 'query failed');
    return renderError(words.title, words.detail);
  }
}

async function workspaceOf(action: Action, workspaces: WorkspaceResolver): Promise<Workspace | undefined> {
  if (!action.workspaceId) return undefined;
  // Names only make links nicer; a failure here must not fail the query.
  return workspaces.byId(action.workspaceId).catch(() => undefined);
}

function subjectOf(request: QueryRequest): string {
  switch (request.command) {
    case 'actions':
    case 'providers':
      return describeWorkspaceRef(request.workspace);
    case 'invocations':
    case 'resources':
      return `action ${request.actionId} in run ${request.runId}`;
    case 'help':
      return 'help';
    default:
      return `action ${request.actionId}`;
  }
}
