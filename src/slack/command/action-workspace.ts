import type { Action, Workspace } from '../../hcp/types.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';

/** The workspace of an action, for names in links and titles. */
export async function workspaceOf(
  action: Action,
  workspaces: WorkspaceResolver,
): Promise<Workspace | undefined> {
  if (!action.workspaceId) return undefined;
  // Names only make links nicer; a failure here must not fail the query.
  return workspaces.byId(action.workspaceId).catch(() => undefined);
}
