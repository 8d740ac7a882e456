import { notFound } from '../api-error.js';
import { invocationsInRun, resourceGroupsOf } from '../derive.js';
import { readPage } from '../pagination.js';
import { matchesSearch, QueryReader } from '../query.js';
import { SEED_FINAL_STATUSES, SEED_GROUP_STATUSES } from '../seed-values.js';
import { invocationResource, resourceGroupResource } from '../serialize.js';
import type { SimInvocation } from '../types.js';
import { type Handler, type HandlerContext, ok, pagedDocument, param, requireAction } from './context.js';

const STATUS = 'filter[status]';
const GROUP_STATUS = 'filter[aggregate_status]';

/** The action's invocations in the run; 404 when the run is unknown or never invoked the action. */
function invocationsOfRun(context: HandlerContext): SimInvocation[] {
  const action = requireAction(context);
  const run = context.store.run(param(context, 'runId'));
  if (!run) throw notFound();
  const invocations = invocationsInRun(context.store, action.id, run.id);
  if (invocations.length === 0) throw notFound();
  return invocations;
}

function searchFields(invocation: SimInvocation): (string | null)[] {
  return [
    invocation.actionKey,
    invocation.finalStatus,
    invocation.triggerEvent,
    invocation.triggeringResourceAddress,
  ];
}

/** GET /terraform-actions/:action_id/runs/:run_id/invocations */
export const listRunInvocations: Handler = (context) => {
  const invocations = invocationsOfRun(context);
  const reader = new QueryReader(context.query, [STATUS]);
  const statuses = reader.enumList(STATUS, SEED_FINAL_STATUSES);
  const search = reader.text('q');
  const page = readPage(context.query);

  const matching = invocations.filter(
    (invocation) =>
      (statuses === undefined || statuses.includes(invocation.finalStatus)) &&
      (search === undefined || matchesSearch(search, searchFields(invocation))),
  );
  const counts = { invocations: { total: matching.length } };
  return ok(pagedDocument(context, matching, page, invocationResource, counts));
};

/** GET /terraform-actions/:action_id/runs/:run_id/invocations/lifecycle-resource-groups */
export const listResourceGroups: Handler = (context) => {
  const invocations = invocationsOfRun(context);
  const reader = new QueryReader(context.query, [GROUP_STATUS]);
  const statuses = reader.enumList(GROUP_STATUS, SEED_GROUP_STATUSES);
  const search = reader.text('q');
  const page = readPage(context.query);

  const groups = resourceGroupsOf(invocations).filter(
    (group) =>
      (statuses === undefined || statuses.includes(group.status)) &&
      (search === undefined ||
        matchesSearch(search, [group.status]) ||
        group.invocations.some((invocation) => matchesSearch(search, searchFields(invocation)))),
  );
  const counts = {
    invocations: { total: groups.reduce((sum, group) => sum + group.invocations.length, 0) },
    'resource-groups': { total: groups.length },
  };
  return ok(pagedDocument(context, groups, page, resourceGroupResource, counts));
};
