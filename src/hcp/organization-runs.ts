/**
 * GET /organizations/:organization/runs: every run of an organization, newest first. HCP Terraform has it;
 * Terraform Enterprise only from v202409-1, and older releases answer 404, which is reported as
 * OrganizationRunsNotFoundError so the caller can fall back to polling each workspace. Its pagination has
 * no total count (meta.pagination carries current/prev/next page only).
 */

import { NotFoundError } from './errors.js';
import { attributesOf } from './fields.js';
import { idPathSegment } from './ids.js';
import { isJsonObject, type JsonApiResource, relatedId, toPage } from './jsonapi.js';
import { organizationRunsQuery } from './organization-query.js';
import type { ListOrganizationRunsOptions, OrganizationRun } from './organization-types.js';
import type { HcpGet } from './transport.js';
import type { Page } from './types.js';

/**
 * A 404 of the organization runs listing: the organization is unknown to this token, or the server predates
 * the endpoint (Terraform Enterprise before v202409-1). Still a NotFoundError (kind 'not_found').
 */
export class OrganizationRunsNotFoundError extends NotFoundError {
  constructor(
    request: string,
    readonly organization: string,
  ) {
    super(request, `organization ${organization}`);
    this.message = `HCP Terraform has no runs listing for organization ${organization}: the organization does not exist or this token cannot see it, or the server is Terraform Enterprise older than v202409-1 (poll each workspace instead)`;
  }
}

export function parseOrganizationRun(resource: JsonApiResource, request: string): OrganizationRun {
  const attributes = attributesOf(resource, request);
  return {
    id: resource.id,
    status: attributes.nullableString('status'),
    createdAt: attributes.nullableString('created-at'),
    statusChangedAt: newestTimestamp(resource.attributes['status-timestamps']),
    workspaceId: relatedId(resource, 'workspace'),
  };
}

export async function listOrganizationRuns(
  http: HcpGet,
  organization: string,
  options: ListOrganizationRunsOptions = {},
): Promise<Page<OrganizationRun>> {
  const organizationPath = idPathSegment('organization', organization);
  const query = organizationRunsQuery(options);
  try {
    const response = await http.get({
      path: `/organizations/${organizationPath}/runs`,
      route: '/organizations/:organization/runs',
      query,
      what: `the runs of organization ${organization}`,
    });
    return toPage(response, options, parseOrganizationRun);
  } catch (error) {
    if (error instanceof NotFoundError && !(error instanceof OrganizationRunsNotFoundError))
      throw new OrganizationRunsNotFoundError(error.request, organization);
    throw error;
  }
}

/** status-timestamps maps `<status>-at` to an instant; the newest is when the status last changed. */
function newestTimestamp(value: unknown): string | null {
  if (!isJsonObject(value)) return null;
  let newest: { text: string; ms: number } | null = null;
  for (const text of Object.values(value)) {
    if (typeof text !== 'string') continue;
    const ms = Date.parse(text);
    if (!Number.isNaN(ms) && (newest === null || ms > newest.ms)) newest = { text, ms };
  }
  return newest?.text ?? null;
}
