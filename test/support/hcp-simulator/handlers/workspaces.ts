import { notFound } from '../api-error.js';
import { checkFilterKeys } from '../query.js';
import { workspaceResource } from '../serialize.js';
import { type Handler, ok, param, requireWorkspace } from './context.js';

/** GET /workspaces/:workspace_id */
export const showWorkspace: Handler = (context) => {
  const workspace = requireWorkspace(context);
  checkFilterKeys(context.query, []);
  return ok({ data: workspaceResource(workspace) });
};

/** GET /organizations/:organization_name/workspaces/:name */
export const showWorkspaceByName: Handler = (context) => {
  const workspace = context.store.workspaceByName(param(context, 'organization'), param(context, 'name'));
  if (!workspace) throw notFound();
  checkFilterKeys(context.query, []);
  return ok({ data: workspaceResource(workspace) });
};
