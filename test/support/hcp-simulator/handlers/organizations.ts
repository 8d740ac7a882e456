import { invalidParameter, notFound } from '../api-error.js';
import {
  DISCARDABLE_RUN_STATUSES,
  type OrgDirectory,
  orgDirectoryOf,
  runStatusGroupOf,
} from '../org-directory.js';
import {
  orgRunResource,
  orgWorkspaceResource,
  projectResource,
  workspaceIncludes,
} from '../org-serialize.js';
import { readPage } from '../pagination.js';
import { QueryReader } from '../query.js';
import { type Handler, type HandlerContext, ok, pagedDocument, param } from './context.js';
import { workspaceComparator, workspacePredicate } from './org-filters.js';

const RUN_FILTERS = [
  'filter[status]',
  'filter[status_group]',
  'filter[operation]',
  'filter[workspace_names]',
  'filter[timeframe]',
];
const STATUS_GROUPS = ['non_final', 'final', 'discardable'] as const;
const INCLUDES = ['current_run', 'project', 'effective_tag_bindings'];
const YEAR_MS = 365 * 24 * 3600 * 1000;

function organizationOf(context: HandlerContext): { directory: OrgDirectory; organization: string } {
  const directory = orgDirectoryOf(context.store);
  const organization = param(context, 'organization');
  if (!directory.hasOrganization(organization)) throw notFound();
  return { directory, organization };
}

/**
 * GET /organizations/:organization_name/runs: newest first (ties in creation order, newer first). Its pagination
 * has no total count and no last page, whatever the paginationStyle option says.
 */
export const listOrganizationRuns: Handler = (context) => {
  if (orgDirectoryOf(context.store).runsEndpointMissing) throw notFound();
  const { directory, organization } = organizationOf(context);
  const reader = new QueryReader(context.query, RUN_FILTERS);
  const statuses = reader.list('filter[status]');
  const groups = reader.enumList('filter[status_group]', STATUS_GROUPS);
  const operations = reader.list('filter[operation]');
  const names = reader.list('filter[workspace_names]');
  const inTimeframe = timeframeCheck(reader.text('filter[timeframe]') ?? 'year', directory.nowMs());
  const workspaceNames = new Map(
    directory.workspacesOf(organization).map((workspace) => [workspace.id, workspace.name]),
  );
  const runs = directory
    .runsOf(organization)
    .filter(
      (run) =>
        inTimeframe(run.createdAtMs) &&
        (!statuses || statuses.includes(run.status)) &&
        (!groups || groups.some((group) => inGroup(run.status, group))) &&
        (!operations || operations.includes(run.operation)) &&
        (!names || names.includes(workspaceNames.get(run.workspaceId) ?? '')),
    );
  const page = readPage(context.query);
  const start = (page.number - 1) * page.size;
  const items = runs.slice(start, start + page.size);
  const next = runs.length > start + page.size ? page.number + 1 : null;
  const prev = page.number > 1 ? page.number - 1 : null;
  return ok({
    data: items.map(orgRunResource),
    links: {
      self: context.pageUrl(page.number, page.size),
      first: context.pageUrl(1, page.size),
      prev: prev === null ? null : context.pageUrl(prev, page.size),
      next: next === null ? null : context.pageUrl(next, page.size),
    },
    meta: { pagination: { 'current-page': page.number, 'prev-page': prev, 'next-page': next } },
  });
};

/** GET /organizations/:organization_name/workspaces */
export const listOrganizationWorkspaces: Handler = (context) => {
  const { directory, organization } = organizationOf(context);
  const includes = (context.query.get('include') ?? '').split(',').filter((name) => name !== '');
  for (const name of includes)
    if (!INCLUDES.includes(name))
      throw invalidParameter('include', `${JSON.stringify(name)} cannot be included`);
  const matches = workspacePredicate(context.query, directory);
  const workspaces = directory
    .workspacesOf(organization)
    .filter(matches)
    .sort(workspaceComparator(context.query, directory));
  const page = readPage(context.query);
  const document = pagedDocument(context, workspaces, page, (workspace) =>
    orgWorkspaceResource(workspace, directory),
  );
  const start = (page.number - 1) * page.size;
  const included = workspaceIncludes(workspaces.slice(start, start + page.size), directory, includes);
  return ok(included.length > 0 ? { ...document, included } : document);
};

/** GET /organizations/:organization_name/projects */
export const listProjects: Handler = (context) => {
  const { directory, organization } = organizationOf(context);
  const reader = new QueryReader(context.query, ['filter[names]']);
  const names = reader.list('filter[names]');
  const projects = directory
    .projectsOf(organization)
    .filter((project) => !names || names.includes(project.name));
  return ok(pagedDocument(context, projects, readPage(context.query), projectResource));
};

function inGroup(status: string, group: (typeof STATUS_GROUPS)[number]): boolean {
  if (group === 'discardable') return DISCARDABLE_RUN_STATUSES.includes(status);
  return runStatusGroupOf(status) === group;
}

/** `year`: the last 12 months; a four-digit year: that calendar year (UTC). */
function timeframeCheck(timeframe: string, nowMs: number): (createdAtMs: number) => boolean {
  if (timeframe === 'year') return (createdAtMs) => createdAtMs > nowMs - YEAR_MS;
  if (!/^\d{4}$/.test(timeframe))
    throw invalidParameter(
      'filter[timeframe]',
      `filter[timeframe] must be "year" or a year, not ${JSON.stringify(timeframe)}`,
    );
  const start = Date.UTC(Number(timeframe), 0, 1);
  const end = Date.UTC(Number(timeframe) + 1, 0, 1);
  return (createdAtMs) => createdAtMs >= start && createdAtMs < end;
}
