/** Invocations of an action: run summaries, filter options, per-run invocations, lifecycle resource groups. */

import { MalformedResponseError } from './errors.js';
import { attributesOf, type FieldReader } from './fields.js';
import { idPathSegment, parseRunSummaryId, quotedForMessage } from './ids.js';
import { type JsonApiResource, readSingleDocument, relatedId, toPage } from './jsonapi.js';
import { invocationsQuery, resourceGroupsQuery, runSummariesQuery } from './query.js';
import type { HcpGet } from './transport.js';
import type {
  ActionRunRef,
  Invocation,
  InvocationFilterOptions,
  InvokedBy,
  ListInvocationsOptions,
  ListResourceGroupsOptions,
  ListRunSummariesOptions,
  Page,
  ResourceGroup,
  ResourceGroupInvocation,
  RunSummary,
} from './types.js';

export function parseRunSummary(resource: JsonApiResource, request: string): RunSummary {
  const attributes = attributesOf(resource, request);
  const ids = parseRunSummaryId(resource.id) ?? idsFromRelationships(resource, request);
  const statuses = attributes.nullableObject('invocation-statuses');
  return {
    id: resource.id,
    actionId: ids.actionId,
    runId: ids.runId,
    aggregateInvocationStatus: attributes.nullableString('aggregate-invocation-status'),
    invocationMethod: attributes.nullableString('invocation-method'),
    invokedAt: attributes.nullableString('invoked-at'),
    invokedBy: parseInvokedBy(resource, attributes),
    successful: statuses?.nullableNumber('successful') ?? null,
    failed: statuses?.nullableNumber('failed') ?? null,
    plannedInvocationCount: attributes.nullableNumber('planned-invocation-count'),
  };
}

export function parseInvocationFilterOptions(
  resource: JsonApiResource,
  request: string,
): InvocationFilterOptions {
  return {
    actionId: resource.id,
    invokedBy: attributesOf(resource, request).nullableStringList('invoked-by') ?? [],
  };
}

export function parseInvocation(resource: JsonApiResource, request: string): Invocation {
  const attributes = attributesOf(resource, request);
  return {
    id: resource.id,
    finalStatus: attributes.nullableString('final-status'),
    invocationMethod: attributes.nullableString('invocation-method'),
    actionKey: attributes.nullableString('action-key'),
    actionTriggerEvent: attributes.nullableString('action-trigger-event'),
    triggeringResourceAddress: attributes.nullableString('triggering-resource-address'),
    actionTriggerBlockIndex: attributes.nullableNumber('action-trigger-block-index'),
    actionsListIndex: attributes.nullableNumber('actions-list-index'),
    invokedAt: attributes.nullableString('invoked-at'),
    createdAt: attributes.nullableString('created-at'),
    updatedAt: attributes.nullableString('updated-at'),
    actionId: relatedId(resource, 'action'),
    runId: relatedId(resource, 'run'),
  };
}

export function parseResourceGroup(resource: JsonApiResource, request: string): ResourceGroup {
  const attributes = attributesOf(resource, request);
  return {
    id: resource.id,
    triggeringResourceAddress: attributes.nullableString('triggering-resource-address') ?? resource.id,
    aggregateInvocationStatus: attributes.nullableString('aggregate-invocation-status'),
    invocations: attributes.objectList('invocations').map(parseResourceGroupInvocation),
  };
}

export async function listRunSummaries(
  http: HcpGet,
  actionId: string,
  options: ListRunSummariesOptions = {},
): Promise<Page<RunSummary>> {
  const action = idPathSegment('action', actionId);
  const query = runSummariesQuery(options);
  const response = await http.get({
    path: `/terraform-actions/${action}/invocations/run-summary`,
    route: '/terraform-actions/:action_id/invocations/run-summary',
    query,
    what: `action ${actionId}`,
  });
  return toPage(response, options, parseRunSummary);
}

export async function getInvocationFilterOptions(
  http: HcpGet,
  actionId: string,
): Promise<InvocationFilterOptions> {
  const action = idPathSegment('action', actionId);
  const response = await http.get({
    path: `/terraform-actions/${action}/invocations/filter-options`,
    route: '/terraform-actions/:action_id/invocations/filter-options',
    what: `action ${actionId}`,
  });
  return parseInvocationFilterOptions(readSingleDocument(response).data, response.request);
}

export async function listInvocations(
  http: HcpGet,
  actionId: string,
  runId: string,
  options: ListInvocationsOptions = {},
): Promise<Page<Invocation>> {
  const action = idPathSegment('action', actionId);
  const run = idPathSegment('run', runId);
  const query = invocationsQuery(options);
  const response = await http.get({
    path: `/terraform-actions/${action}/runs/${run}/invocations`,
    route: '/terraform-actions/:action_id/runs/:run_id/invocations',
    query,
    what: `action ${actionId} or run ${runId}`,
  });
  return toPage(response, options, parseInvocation);
}

export async function listResourceGroups(
  http: HcpGet,
  actionId: string,
  runId: string,
  options: ListResourceGroupsOptions = {},
): Promise<Page<ResourceGroup>> {
  const action = idPathSegment('action', actionId);
  const run = idPathSegment('run', runId);
  const query = resourceGroupsQuery(options);
  const response = await http.get({
    path: `/terraform-actions/${action}/runs/${run}/invocations/lifecycle-resource-groups`,
    route: '/terraform-actions/:action_id/runs/:run_id/invocations/lifecycle-resource-groups',
    query,
    what: `action ${actionId} or run ${runId}`,
  });
  return toPage(response, options, parseResourceGroup);
}

function parseInvokedBy(resource: JsonApiResource, attributes: FieldReader): InvokedBy | null {
  // The API reference shows an object; a bare username is accepted too rather than failing a whole page over it.
  const raw = resource.attributes['invoked-by'];
  if (typeof raw === 'string') return { username: raw, avatarUrl: null };
  const invokedBy = attributes.nullableObject('invoked-by');
  const username = invokedBy?.nullableString('username') ?? null;
  if (invokedBy === null || username === null) return null;
  return { username, avatarUrl: invokedBy.nullableString('avatar-url') };
}

function parseResourceGroupInvocation(invocation: FieldReader): ResourceGroupInvocation {
  return {
    id: invocation.nullableString('id'),
    finalStatus: invocation.nullableString('final-status'),
    actionKey: invocation.nullableString('action-key'),
    actionTriggerEvent: invocation.nullableString('action-trigger-event'),
  };
}

function idsFromRelationships(resource: JsonApiResource, request: string): ActionRunRef {
  const actionId = relatedId(resource, 'action');
  const runId = relatedId(resource, 'run');
  if (actionId === null || runId === null)
    throw new MalformedResponseError(
      request,
      `run summary ${quotedForMessage(resource.id)} names no action and run (neither in its ID nor its relationships)`,
    );
  return { actionId, runId };
}
