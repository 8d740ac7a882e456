/**
 * Organization-level reads of HCP Terraform (runs, workspaces, projects), used to find which workspaces may
 * have new action invocations without polling each one. Enums stay raw strings: HCP Terraform adds run
 * statuses over time and a status this client does not know must not make a page unreadable.
 */

import type { PageOptions } from './types.js';

/** filter[status_group] of GET /organizations/:org/runs. */
export const RUN_STATUS_GROUPS = ['non_final', 'final', 'discardable'] as const;
export type RunStatusGroup = (typeof RUN_STATUS_GROUPS)[number];

export interface ListOrganizationRunsOptions extends PageOptions {
  /** Run statuses (`applied`, `errored`, …), sent as given. */
  statuses?: string[];
  statusGroups?: RunStatusGroup[];
  /** `plan_only`, `plan_and_apply`, `refresh_only`, `destroy`, `empty_apply`, `save_plan`. */
  operations?: string[];
  workspaceNames?: string[];
  /** `year` (the last 12 months, the server's default) or a calendar year such as `2026`. */
  timeframe?: string;
}

export interface OrganizationRun {
  id: string;
  /** Raw: an unknown status is kept, not rejected. */
  status: string | null;
  createdAt: string | null;
  /** The newest of status-timestamps, i.e. when the run last changed status; null when not given. */
  statusChangedAt: string | null;
  workspaceId: string | null;
}

export const WORKSPACE_INCLUDES = ['current_run', 'project', 'effective_tag_bindings'] as const;
export type WorkspaceInclude = (typeof WORKSPACE_INCLUDES)[number];

export const WORKSPACE_SORTS = [
  'name',
  '-name',
  'current-run.created-at',
  '-current-run.created-at',
] as const;
export type WorkspaceSort = (typeof WORKSPACE_SORTS)[number];

export interface TagBinding {
  key: string;
  /** null for a key-only tag. */
  value: string | null;
}

export interface ListOrganizationWorkspacesOptions extends PageOptions {
  /** search[name]: a substring of the name. */
  nameContains?: string;
  /** search[wildcard-name]: `*` only at the start, the end or both (`*-prod`, `app-*`, `*net*`). */
  wildcardName?: string;
  /** search[tags]: flat tag names, all required. */
  tagNames?: string[];
  /** filter[tagged][i][key] / [value]: all required. */
  tagged?: TagBinding[];
  projectId?: string;
  currentRunStatuses?: string[];
  sort?: WorkspaceSort;
  include?: WorkspaceInclude[];
}

export interface OrganizationWorkspace {
  id: string;
  name: string;
  projectId: string | null;
  /** From `included` when include=project was asked; null otherwise. */
  projectName: string | null;
  /** Flat tags (attribute tag-names); empty when absent. */
  tagNames: string[];
  /** From `included` effective-tag-bindings when asked; null when not given. */
  tagBindings: TagBinding[] | null;
  currentRun: CurrentRun | null;
}

export interface CurrentRun {
  id: string;
  /** null unless include=current_run was asked. */
  status: string | null;
  createdAt: string | null;
}

export interface Project {
  id: string;
  name: string;
}
