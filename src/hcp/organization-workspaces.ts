/** GET /organizations/:organization/workspaces and /projects: the workspaces a scope covers. */

import { attributesOf } from './fields.js';
import { idPathSegment } from './ids.js';
import { IncludedResources, relatedIds } from './included.js';
import { type JsonApiResource, relatedId, toPage } from './jsonapi.js';
import { organizationWorkspacesQuery, projectsQuery } from './organization-query.js';
import type {
  CurrentRun,
  ListOrganizationWorkspacesOptions,
  OrganizationWorkspace,
  Project,
  TagBinding,
} from './organization-types.js';
import { MAX_PAGE_SIZE } from './query.js';
import type { HcpGet } from './transport.js';
import type { Page } from './types.js';

export async function listOrganizationWorkspaces(
  http: HcpGet,
  organization: string,
  options: ListOrganizationWorkspacesOptions = {},
): Promise<Page<OrganizationWorkspace>> {
  const organizationPath = idPathSegment('organization', organization);
  const query = organizationWorkspacesQuery(options);
  const response = await http.get({
    path: `/organizations/${organizationPath}/workspaces`,
    route: '/organizations/:organization/workspaces',
    query,
    what: `organization ${organization}`,
  });
  const included = new IncludedResources(response);
  return toPage(response, options, (resource, request) =>
    parseOrganizationWorkspace(resource, request, included),
  );
}

/**
 * The projects of the organization among `names` (exact names; one request of up to 100). A name missing
 * from the answer does not exist or is not visible to the token.
 */
export async function findProjects(
  http: HcpGet,
  organization: string,
  names: readonly string[],
): Promise<Project[]> {
  const organizationPath = idPathSegment('organization', organization);
  if (names.length === 0) return [];
  if (names.length > MAX_PAGE_SIZE) throw new RangeError(`at most ${MAX_PAGE_SIZE} project names at once`);
  const response = await http.get({
    path: `/organizations/${organizationPath}/projects`,
    route: '/organizations/:organization/projects',
    query: [...projectsQuery(names), ['page[size]', String(MAX_PAGE_SIZE)]],
    what: `organization ${organization}`,
  });
  const page = toPage(response, { pageSize: MAX_PAGE_SIZE }, (resource, request) => ({
    id: resource.id,
    name: attributesOf(resource, request).string('name'),
  }));
  return page.items;
}

export function parseOrganizationWorkspace(
  resource: JsonApiResource,
  request: string,
  included: IncludedResources,
): OrganizationWorkspace {
  const attributes = attributesOf(resource, request);
  const projectId = relatedId(resource, 'project');
  const project = included.find('projects', projectId);
  return {
    id: resource.id,
    name: attributes.string('name'),
    projectId,
    projectName: project ? attributesOf(project, request).nullableString('name') : null,
    tagNames: attributes.nullableStringList('tag-names') ?? [],
    tagBindings: tagBindingsOf(resource, request, included),
    currentRun: currentRunOf(resource, request, included),
  };
}

function currentRunOf(
  resource: JsonApiResource,
  request: string,
  included: IncludedResources,
): CurrentRun | null {
  const id = relatedId(resource, 'current-run');
  if (id === null) return null;
  const run = included.find('runs', id);
  if (!run) return { id, status: null, createdAt: null };
  const attributes = attributesOf(run, request);
  return {
    id,
    status: attributes.nullableString('status'),
    createdAt: attributes.nullableString('created-at'),
  };
}

function tagBindingsOf(
  resource: JsonApiResource,
  request: string,
  included: IncludedResources,
): TagBinding[] | null {
  const ids = relatedIds(resource, 'effective-tag-bindings');
  if (ids === null) return null;
  return ids.flatMap((id) => {
    const binding = included.find('effective-tag-bindings', id);
    if (!binding) return [];
    const attributes = attributesOf(binding, request);
    const key = attributes.nullableString('key');
    return key === null ? [] : [{ key, value: attributes.nullableString('value') }];
  });
}
