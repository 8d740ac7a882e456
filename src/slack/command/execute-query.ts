import type { Workspace } from '../../hcp/types.js';
import type { RenderContext } from '../blocks/context.js';
import { renderError } from '../blocks/errors.js';
import type { SlackMessage } from '../blocks/message.js';
import { describeFailure } from '../hcp-failure-message.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';
import type { QueryContext, QueryView } from './module.js';
import { type QueryRequest, queryModuleOf } from './registry.js';
import { usageFor } from './usage.js';

/** Runs one read-only query against HCP Terraform and renders it; failures become a readable message. */
export async function executeQuery(
  request: QueryRequest,
  deps: QueryContext['deps'],
  workspaces: WorkspaceResolver,
  view: QueryView,
): Promise<SlackMessage> {
  const renderContext = (
    commandForPage?: (page: number) => string,
    workspace?: Workspace,
  ): RenderContext => ({
    encoder: view.encoder,
    tfeAddress: deps.config.tfeAddress,
    buttonKind: view.buttonKind,
    shareable: view.shareable,
    ...(commandForPage ? { commandForPage } : {}),
    ...(workspace ? { workspace } : {}),
  });
  const module = queryModuleOf(request);
  try {
    return await module.execute(request, { deps, workspaces, view, renderContext, usageFor });
  } catch (error) {
    const words = describeFailure(error, module.subject(request));
    deps.logger.warn({ err: error, command: request.command }, 'query failed');
    return renderError(words.title, words.detail);
  }
}
