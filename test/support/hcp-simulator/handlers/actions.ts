import { byAddress, latestInvocation } from '../derive.js';
import { readPage } from '../pagination.js';
import { checkFilterKeys, inRange, QueryReader, timeFilterKeys } from '../query.js';
import { actionFilterOptionsResource, actionResource } from '../serialize.js';
import { parseInstant } from '../time.js';
import { type Handler, ok, pagedDocument, requireAction, requireWorkspace } from './context.js';

const LAST_INVOKED_AT = 'filter[last_invocation][invoked_at]';
const LIST_FILTERS = ['filter[provider]', 'filter[module_address]', ...timeFilterKeys(LAST_INVOKED_AT)];

/** GET /workspaces/:workspace_id/terraform-actions */
export const listActions: Handler = (context) => {
  const workspace = requireWorkspace(context);
  const reader = new QueryReader(context.query, LIST_FILTERS);
  const provider = reader.text('filter[provider]');
  const moduleAddress = reader.text('filter[module_address]');
  const lastInvokedAt = reader.timeRange(LAST_INVOKED_AT);
  const page = readPage(context.query);

  const rows = context.store
    .actionsOf(workspace.id)
    .map((action) => ({ action, last: latestInvocation(context.store.invocationsOf(action.id)) }))
    .filter(({ action, last }) => {
      if (provider !== undefined && action.provider !== provider) return false;
      if (moduleAddress !== undefined && action.moduleAddress !== moduleAddress) return false;
      if (lastInvokedAt === undefined) return true;
      // Actions never invoked match no last-invocation comparison.
      return last !== undefined && inRange(parseInstant(last.invokedAt) ?? Number.NaN, lastInvokedAt);
    })
    .sort((a, b) => byAddress(a.action, b.action));

  return ok(
    pagedDocument(context, rows, page, ({ action, last }) => actionResource(action, last?.id ?? null)),
  );
};

/** GET /workspaces/:workspace_id/terraform-actions/filter-options */
export const actionFilterOptions: Handler = (context) => {
  const workspace = requireWorkspace(context);
  checkFilterKeys(context.query, []);
  const providers = [
    ...new Set(context.store.actionsOf(workspace.id).map((action) => action.provider)),
  ].sort();
  return ok({ data: actionFilterOptionsResource(workspace.id, providers) });
};

/** GET /terraform-actions/:action_id */
export const showAction: Handler = (context) => {
  const action = requireAction(context);
  checkFilterKeys(context.query, []);
  const invocations = context.store.invocationsOf(action.id);
  return ok({ data: actionResource(action, latestInvocation(invocations)?.id ?? null, invocations.length) });
};
