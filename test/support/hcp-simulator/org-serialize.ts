/** JSON:API resources of the organization-level endpoints. */

import type { OrgDirectory, SimOrgRun, SimProject } from './org-directory.js';
import { formatInstant } from './time.js';
import type { SimWorkspace } from './types.js';

function ref(type: string, id: string): { data: { id: string; type: string } } {
  return { data: { id, type } };
}

export function orgRunResource(run: SimOrgRun): Record<string, unknown> {
  return {
    id: run.id,
    type: 'runs',
    attributes: {
      status: run.status,
      operation: run.operation,
      'created-at': formatInstant(run.createdAtMs),
      'status-timestamps': { ...run.statusTimestamps },
    },
    relationships: { workspace: ref('workspaces', run.workspaceId) },
  };
}

export function projectResource(project: SimProject): Record<string, unknown> {
  return {
    id: project.id,
    type: 'projects',
    attributes: { name: project.name },
    relationships: { organization: ref('organizations', project.organization) },
  };
}

export function orgWorkspaceResource(
  workspace: SimWorkspace,
  directory: OrgDirectory,
): Record<string, unknown> {
  const meta = directory.metaOf(workspace.id);
  const current = directory.currentRunOf(workspace.id);
  return {
    id: workspace.id,
    type: 'workspaces',
    attributes: {
      name: workspace.name,
      'created-at': workspace.createdAt,
      'tag-names': meta?.tagNames ?? [],
    },
    relationships: {
      organization: ref('organizations', workspace.organization),
      project: meta ? ref('projects', meta.projectId) : { data: null },
      'current-run': current ? ref('runs', current.id) : { data: null },
      'effective-tag-bindings': {
        data: (meta?.tagBindings ?? []).map((_, index) => ({
          id: bindingId(workspace.id, index),
          type: 'effective-tag-bindings',
        })),
      },
    },
  };
}

/** The side-loads asked for with include=, each resource once. */
export function workspaceIncludes(
  workspaces: readonly SimWorkspace[],
  directory: OrgDirectory,
  includes: readonly string[],
): Record<string, unknown>[] {
  const included = new Map<string, Record<string, unknown>>();
  for (const workspace of workspaces) {
    const meta = directory.metaOf(workspace.id);
    const current = directory.currentRunOf(workspace.id);
    if (includes.includes('current_run') && current)
      included.set(`runs/${current.id}`, orgRunResource(current));
    const project = meta ? directory.project(meta.projectId) : undefined;
    if (includes.includes('project') && project)
      included.set(`projects/${project.id}`, projectResource(project));
    if (includes.includes('effective_tag_bindings'))
      for (const [index, binding] of (meta?.tagBindings ?? []).entries())
        included.set(`etb/${workspace.id}/${index}`, {
          id: bindingId(workspace.id, index),
          type: 'effective-tag-bindings',
          attributes: { key: binding.key, value: binding.value },
        });
  }
  return [...included.values()];
}

function bindingId(workspaceId: string, index: number): string {
  return `etb-${workspaceId.slice(3)}${index}`;
}
