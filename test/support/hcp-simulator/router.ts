import { showAccount } from './handlers/account.js';
import { actionFilterOptions, listActions, showAction } from './handlers/actions.js';
import type { Handler } from './handlers/context.js';
import { listOrganizationRuns, listOrganizationWorkspaces, listProjects } from './handlers/organizations.js';
import { listResourceGroups, listRunInvocations } from './handlers/run-invocations.js';
import { invocationFilterOptions, listRunSummaries } from './handlers/run-summaries.js';
import { showWorkspace, showWorkspaceByName } from './handlers/workspaces.js';

export const API_PREFIX = '/api/v2';

interface Route {
  /** Path segments after /api/v2; `:name` captures one segment. */
  readonly segments: readonly string[];
  readonly handler: Handler;
}

function route(pattern: string, handler: Handler): Route {
  return { segments: pattern.split('/').filter((segment) => segment !== ''), handler };
}

const ROUTES: readonly Route[] = [
  route('/workspaces/:workspaceId/terraform-actions', listActions),
  route('/workspaces/:workspaceId/terraform-actions/filter-options', actionFilterOptions),
  route('/terraform-actions/:actionId', showAction),
  route('/terraform-actions/:actionId/invocations/run-summary', listRunSummaries),
  route('/terraform-actions/:actionId/invocations/filter-options', invocationFilterOptions),
  route('/terraform-actions/:actionId/runs/:runId/invocations', listRunInvocations),
  route('/terraform-actions/:actionId/runs/:runId/invocations/lifecycle-resource-groups', listResourceGroups),
  route('/workspaces/:workspaceId', showWorkspace),
  route('/organizations/:organization/workspaces/:name', showWorkspaceByName),
  route('/account/details', showAccount),
  route('/organizations/:organization/runs', listOrganizationRuns),
  route('/organizations/:organization/workspaces', listOrganizationWorkspaces),
  route('/organizations/:organization/projects', listProjects),
];

export interface RouteMatch {
  readonly handler: Handler;
  readonly params: Record<string, string>;
}

/** The GET route for a pathname (including /api/v2), or undefined: unknown paths are 404s. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  if (method !== 'GET' || !pathname.startsWith(`${API_PREFIX}/`)) return undefined;
  const segments = splitPath(pathname.slice(API_PREFIX.length));
  if (!segments) return undefined;
  for (const candidate of ROUTES) {
    const params = matchSegments(candidate.segments, segments);
    if (params) return { handler: candidate.handler, params };
  }
  return undefined;
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const actual = segments[index] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
