/** Terraform actions of a workspace: list, filter options, show. */

import { attributesOf } from './fields.js';
import { idPathSegment } from './ids.js';
import { type JsonApiResource, readSingleDocument, relatedId, toPage } from './jsonapi.js';
import { actionsQuery } from './query.js';
import type { HcpGet } from './transport.js';
import type { Action, ActionFilterOptions, ListActionsOptions, Page } from './types.js';

export function parseAction(resource: JsonApiResource, request: string): Action {
  const attributes = attributesOf(resource, request);
  return {
    id: resource.id,
    address: attributes.string('address'),
    moduleAddress: attributes.nullableString('module-address'),
    provider: attributes.nullableString('provider'),
    documentationUrl: attributes.nullableString('documentation-url'),
    createdAt: attributes.nullableString('created-at'),
    updatedAt: attributes.nullableString('updated-at'),
    invocationCount: attributes.nullableNumber('invocation-count'),
    instanceType: attributes.nullableString('instance-type'),
    countValue: attributes.nullableNumber('count-value'),
    forEachValues: attributes.nullableStringList('for-each-values'),
    workspaceId: relatedId(resource, 'workspace'),
    lastInvocationId: relatedId(resource, 'last-invocation'),
  };
}

export function parseActionFilterOptions(resource: JsonApiResource, request: string): ActionFilterOptions {
  return {
    workspaceId: resource.id,
    providers: attributesOf(resource, request).nullableStringList('providers') ?? [],
  };
}

export async function listActions(
  http: HcpGet,
  workspaceId: string,
  options: ListActionsOptions = {},
): Promise<Page<Action>> {
  const workspace = idPathSegment('workspace', workspaceId);
  const query = actionsQuery(options);
  const response = await http.get({
    path: `/workspaces/${workspace}/terraform-actions`,
    route: '/workspaces/:workspace_id/terraform-actions',
    query,
    what: `workspace ${workspaceId}`,
  });
  return toPage(response, options, parseAction);
}

export async function getActionFilterOptions(
  http: HcpGet,
  workspaceId: string,
): Promise<ActionFilterOptions> {
  const workspace = idPathSegment('workspace', workspaceId);
  const response = await http.get({
    path: `/workspaces/${workspace}/terraform-actions/filter-options`,
    route: '/workspaces/:workspace_id/terraform-actions/filter-options',
    what: `workspace ${workspaceId}`,
  });
  return parseActionFilterOptions(readSingleDocument(response).data, response.request);
}

export async function getAction(http: HcpGet, actionId: string): Promise<Action> {
  const action = idPathSegment('action', actionId);
  const response = await http.get({
    path: `/terraform-actions/${action}`,
    route: '/terraform-actions/:action_id',
    what: `action ${actionId}`,
  });
  return parseAction(readSingleDocument(response).data, response.request);
}
