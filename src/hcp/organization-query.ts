/**
 * Typed options -> query strings of the organization-level endpoints. Bad options throw a RangeError before
 * anything is sent, as in query.ts.
 */

import {
  type ListOrganizationRunsOptions,
  type ListOrganizationWorkspacesOptions,
  RUN_STATUS_GROUPS,
  WORKSPACE_INCLUDES,
  WORKSPACE_SORTS,
} from './organization-types.js';
import { addList, addPage, addText, type QueryParams } from './query.js';

const PROJECT_ID = /^prj-[A-Za-z0-9]{1,64}$/;
const TIMEFRAME = /^(year|\d{4})$/;
/** A run status or operation: lower-case words joined by '_'. */
const ENUM_WORD = /^[a-z][a-z_]*$/;
const WORKSPACE_NAME = /^[A-Za-z0-9_-]{1,90}$/;
/** Workspace-name characters plus `*`, which HCP Terraform honours only at the start and the end. */
const WILDCARD_NAME = /^\*?[A-Za-z0-9_-]*\*?$/;

export function isProjectId(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_ID.test(value);
}

export function organizationRunsQuery(options: ListOrganizationRunsOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  addList(params, 'filter[status]', words('filter[status]', options.statuses));
  addList(params, 'filter[status_group]', options.statusGroups, RUN_STATUS_GROUPS);
  addList(params, 'filter[operation]', words('filter[operation]', options.operations));
  addList(params, 'filter[workspace_names]', workspaceNames(options.workspaceNames));
  if (options.timeframe !== undefined) {
    if (!TIMEFRAME.test(options.timeframe))
      throw new RangeError(
        `filter[timeframe] must be "year" or a year such as 2026, not ${JSON.stringify(options.timeframe)}`,
      );
    params.push(['filter[timeframe]', options.timeframe]);
  }
  addPage(params, options);
  return params;
}

export function organizationWorkspacesQuery(options: ListOrganizationWorkspacesOptions = {}): QueryParams {
  const params: Array<[string, string]> = [];
  addText(params, 'search[name]', options.nameContains);
  if (options.wildcardName !== undefined) {
    if (!WILDCARD_NAME.test(options.wildcardName) || options.wildcardName.replaceAll('*', '') === '')
      throw new RangeError(
        `search[wildcard-name] takes a workspace name with * only at its start or end, not ${JSON.stringify(options.wildcardName)}`,
      );
    params.push(['search[wildcard-name]', options.wildcardName]);
  }
  addList(params, 'search[tags]', options.tagNames);
  for (const [index, tag] of (options.tagged ?? []).entries()) {
    if (tag.key.trim() === '') throw new RangeError('filter[tagged] keys must not be empty');
    params.push([`filter[tagged][${index}][key]`, tag.key]);
    if (tag.value !== null && tag.value !== '') params.push([`filter[tagged][${index}][value]`, tag.value]);
  }
  if (options.projectId !== undefined) {
    if (!isProjectId(options.projectId))
      throw new RangeError(
        `filter[project][id] must be a project ID such as prj-AbCdEf123456, not ${JSON.stringify(options.projectId)}`,
      );
    params.push(['filter[project][id]', options.projectId]);
  }
  addList(
    params,
    'filter[current-run][status]',
    words('filter[current-run][status]', options.currentRunStatuses),
  );
  if (options.sort !== undefined) {
    if (!WORKSPACE_SORTS.includes(options.sort))
      throw new RangeError(`sort must be one of ${WORKSPACE_SORTS.join(', ')}`);
    params.push(['sort', options.sort]);
  }
  addList(params, 'include', options.include, WORKSPACE_INCLUDES);
  addPage(params, options);
  return params;
}

export function projectsQuery(names: readonly string[]): QueryParams {
  const params: Array<[string, string]> = [];
  addList(params, 'filter[names]', names);
  return params;
}

function words(key: string, values: readonly string[] | undefined): readonly string[] | undefined {
  for (const value of values ?? [])
    if (!ENUM_WORD.test(value)) throw new RangeError(`${key} does not accept ${JSON.stringify(value)}`);
  return values;
}

function workspaceNames(values: readonly string[] | undefined): readonly string[] | undefined {
  for (const value of values ?? [])
    if (!WORKSPACE_NAME.test(value))
      throw new RangeError(
        `filter[workspace_names] does not accept ${JSON.stringify(value)}: not a workspace name`,
      );
  return values;
}
