/** Workspaces: `organization/name` -> ID, and ID -> name and organization (for links). */

import { MalformedResponseError } from './errors.js';
import { attributesOf } from './fields.js';
import { idPathSegment, quotedForMessage } from './ids.js';
import { isJsonObject, type JsonApiResource, readSingleDocument, relatedId } from './jsonapi.js';
import type { HcpGet } from './transport.js';
import type { Workspace } from './types.js';

/**
 * The organization is `relationships.organization.data.id` (HCP Terraform's organization ID is its name);
 * `knownOrganization` fills in when the caller asked by organization name.
 */
export function parseWorkspace(
  resource: JsonApiResource,
  request: string,
  knownOrganization?: string,
): Workspace {
  const organization =
    relatedId(resource, 'organization') ?? organizationAttribute(resource) ?? knownOrganization;
  if (organization === undefined)
    throw new MalformedResponseError(
      request,
      `workspace ${quotedForMessage(resource.id)} names no organization`,
    );
  return { id: resource.id, name: attributesOf(resource, request).string('name'), organization };
}

export async function getWorkspace(http: HcpGet, workspaceId: string): Promise<Workspace> {
  const workspace = idPathSegment('workspace', workspaceId);
  const response = await http.get({
    path: `/workspaces/${workspace}`,
    route: '/workspaces/:workspace_id',
    what: `workspace ${workspaceId}`,
  });
  return parseWorkspace(readSingleDocument(response).data, response.request);
}

export async function getWorkspaceByName(
  http: HcpGet,
  organization: string,
  name: string,
): Promise<Workspace> {
  const organizationPath = idPathSegment('organization', organization);
  const namePath = idPathSegment('workspace-name', name);
  const response = await http.get({
    path: `/organizations/${organizationPath}/workspaces/${namePath}`,
    route: '/organizations/:organization/workspaces/:name',
    what: `workspace ${organization}/${name}`,
  });
  return parseWorkspace(readSingleDocument(response).data, response.request, organization);
}

function organizationAttribute(resource: JsonApiResource): string | undefined {
  const value = resource.attributes.organization;
  if (typeof value === 'string' && value !== '') return value;
  if (isJsonObject(value) && typeof value.name === 'string' && value.name !== '') return value.name;
  return undefined;
}
