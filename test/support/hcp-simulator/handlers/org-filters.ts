/** Query reading of the organization workspaces listing: its search[...], filter[...] and sort keys. */

import { invalidParameter } from '../api-error.js';
import type { OrgDirectory, SimTagBinding } from '../org-directory.js';
import type { SimWorkspace } from '../types.js';

const TAGGED = /^filter\[tagged\]\[(\d+)\]\[(key|value)\]$/;
const FIXED_FILTERS = ['filter[project][id]', 'filter[current-run][status]'];
const SEARCHES = ['search[name]', 'search[wildcard-name]', 'search[tags]'];
export const WORKSPACE_SORTS = ['name', '-name', 'current-run.created-at', '-current-run.created-at'];

export type WorkspacePredicate = (workspace: SimWorkspace) => boolean;

/** Every filter of the query as one predicate; unknown filter[...] or search[...] keys are a 400. */
export function workspacePredicate(query: URLSearchParams, directory: OrgDirectory): WorkspacePredicate {
  for (const key of query.keys())
    if (
      (key.startsWith('filter[') && !FIXED_FILTERS.includes(key) && !TAGGED.test(key)) ||
      (key.startsWith('search[') && !SEARCHES.includes(key))
    )
      throw invalidParameter(key, `${key} is not a filter of this endpoint`);
  const checks: WorkspacePredicate[] = [];
  const name = text(query, 'search[name]')?.toLowerCase();
  if (name !== undefined) checks.push((workspace) => workspace.name.toLowerCase().includes(name));
  const wildcard = text(query, 'search[wildcard-name]');
  if (wildcard !== undefined) checks.push(wildcardCheck(wildcard));
  const tagNames = list(query, 'search[tags]');
  if (tagNames)
    checks.push((workspace) => {
      const own = directory.metaOf(workspace.id)?.tagNames ?? [];
      return tagNames.every((tag) => own.includes(tag));
    });
  const tagged = taggedFilters(query);
  if (tagged.length > 0)
    checks.push((workspace) => {
      const bindings = directory.metaOf(workspace.id)?.tagBindings ?? [];
      return tagged.every((wanted) =>
        bindings.some(
          (binding) =>
            binding.key === wanted.key && (wanted.value === null || binding.value === wanted.value),
        ),
      );
    });
  const projectId = text(query, 'filter[project][id]');
  if (projectId !== undefined)
    checks.push((workspace) => directory.metaOf(workspace.id)?.projectId === projectId);
  const runStatuses = list(query, 'filter[current-run][status]');
  if (runStatuses)
    checks.push((workspace) => {
      const status = directory.currentRunOf(workspace.id)?.status;
      return status !== undefined && runStatuses.includes(status);
    });
  return (workspace) => checks.every((check) => check(workspace));
}

/** `*` at the start, the end or both; elsewhere it is an ordinary character. Case-insensitive. */
function wildcardCheck(pattern: string): WorkspacePredicate {
  const lower = pattern.toLowerCase();
  const leading = lower.startsWith('*');
  const trailing = lower.length > 1 && lower.endsWith('*');
  const core = lower.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && trailing) return (workspace) => workspace.name.toLowerCase().includes(core);
  if (leading) return (workspace) => workspace.name.toLowerCase().endsWith(core);
  if (trailing) return (workspace) => workspace.name.toLowerCase().startsWith(core);
  return (workspace) => workspace.name.toLowerCase().includes(core);
}

function taggedFilters(query: URLSearchParams): SimTagBinding[] {
  const byIndex = new Map<string, { key?: string; value?: string }>();
  for (const [key, value] of query.entries()) {
    const match = TAGGED.exec(key);
    if (!match) continue;
    const [, index = '', part] = match;
    const entry = byIndex.get(index) ?? {};
    if (part === 'key') entry.key = value;
    else entry.value = value;
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()].map(([index, entry]) => {
    if (entry.key === undefined || entry.key === '')
      throw invalidParameter(
        `filter[tagged][${index}][key]`,
        `filter[tagged][${index}] has a value but no key`,
      );
    return { key: entry.key, value: entry.value === undefined || entry.value === '' ? null : entry.value };
  });
}

export function workspaceComparator(
  query: URLSearchParams,
  directory: OrgDirectory,
): (a: SimWorkspace, b: SimWorkspace) => number {
  const sort = text(query, 'sort') ?? 'name';
  if (!WORKSPACE_SORTS.includes(sort))
    throw invalidParameter(
      'sort',
      `sort must be one of ${WORKSPACE_SORTS.join(', ')}, not ${JSON.stringify(sort)}`,
    );
  const direction = sort.startsWith('-') ? -1 : 1;
  if (sort.endsWith('name')) return (a, b) => direction * compareText(a.name, b.name);
  // Workspaces without a run count as the oldest.
  const runTime = (workspace: SimWorkspace): number =>
    directory.currentRunOf(workspace.id)?.createdAtMs ?? Number.NEGATIVE_INFINITY;
  return (a, b) => direction * (runTime(a) - runTime(b) || compareText(a.name, b.name));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function text(query: URLSearchParams, key: string): string | undefined {
  const value = query.get(key);
  return value === null || value.trim() === '' ? undefined : value;
}

function list(query: URLSearchParams, key: string): string[] | undefined {
  const values = (text(query, key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return values.length > 0 ? values : undefined;
}
