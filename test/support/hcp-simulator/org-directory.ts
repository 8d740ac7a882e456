/**
 * Organizations, projects, tags and runs with statuses, for the organization-level endpoints (org runs,
 * org workspaces, projects). Workspaces and runs live in the SimStore too, so the per-workspace actions
 * endpoints and run summaries see the same IDs; this keeps what the SimStore does not know.
 */

import type { SimClock } from './clock.js';
import { generateId } from './ids.js';
import type { SimStore } from './store.js';
import { formatInstant, parseInstant } from './time.js';
import type { SimWorkspace } from './types.js';

export interface SimProject {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
}

export interface SimTagBinding {
  readonly key: string;
  readonly value: string | null;
}

export interface SimWorkspaceMeta {
  projectId: string;
  tagNames: string[];
  tagBindings: SimTagBinding[];
}

export interface SimOrgRun {
  readonly id: string;
  readonly workspaceId: string;
  readonly organization: string;
  readonly operation: string;
  readonly createdAtMs: number;
  /** Creation order, which breaks ties between runs created in the same second (the newer is listed first). */
  readonly sequence: number;
  status: string;
  /** `<status>-at` -> instant, as HCP Terraform's status-timestamps. */
  readonly statusTimestamps: Record<string, string>;
}

export interface OrgWorkspaceInput {
  organization: string;
  name: string;
  id?: string;
  /** Project name; default "Default Project". */
  project?: string;
  tagNames?: string[];
  tagBindings?: SimTagBinding[];
  createdAt?: string;
}

export interface OrgRunInput {
  workspaceId: string;
  id?: string;
  /** Default "applied". */
  status?: string;
  operation?: string;
  createdAt?: string;
}

export const DEFAULT_PROJECT = 'Default Project';

/** The simulator's reading of HCP Terraform's run status groups. */
export const FINAL_RUN_STATUSES: readonly string[] = [
  'applied',
  'planned_and_finished',
  'planned_and_saved',
  'errored',
  'discarded',
  'canceled',
  'force_canceled',
];
export const DISCARDABLE_RUN_STATUSES: readonly string[] = [
  'planned',
  'cost_estimated',
  'policy_checked',
  'policy_override',
  'policy_soft_failed',
  'post_plan_completed',
  'post_plan_awaiting_decision',
];

export function runStatusGroupOf(status: string): 'final' | 'non_final' {
  return FINAL_RUN_STATUSES.includes(status) ? 'final' : 'non_final';
}

export class OrgDirectory {
  /** When true, GET /organizations/:org/runs answers 404, as Terraform Enterprise before v202409-1. */
  runsEndpointMissing = false;
  private readonly organizations = new Map<string, { projects: SimProject[]; workspaceIds: string[] }>();
  private readonly projects = new Map<string, SimProject>();
  private readonly meta = new Map<string, SimWorkspaceMeta>();
  private readonly runs = new Map<string, SimOrgRun>();
  private readonly runsByOrganization = new Map<string, SimOrgRun[]>();
  private readonly currentRuns = new Map<string, SimOrgRun>();

  constructor(
    private readonly store: SimStore,
    private readonly clock: SimClock,
  ) {}

  addOrganization(name: string): void {
    if (this.organizations.has(name)) return;
    this.organizations.set(name, { projects: [], workspaceIds: [] });
    this.runsByOrganization.set(name, []);
    this.addProject(name, DEFAULT_PROJECT);
  }

  hasOrganization(name: string): boolean {
    return this.organizations.has(name);
  }

  addProject(organization: string, name: string, id = generateProjectId()): SimProject {
    const org = this.requireOrganization(organization);
    const existing = org.projects.find((project) => project.name === name);
    if (existing) return existing;
    const project: SimProject = { id, name, organization };
    org.projects.push(project);
    this.projects.set(id, project);
    return project;
  }

  projectsOf(organization: string): readonly SimProject[] {
    return this.organizations.get(organization)?.projects ?? [];
  }

  project(id: string): SimProject | undefined {
    return this.projects.get(id);
  }

  addWorkspace(input: OrgWorkspaceInput): SimWorkspace {
    this.addOrganization(input.organization);
    const project = this.addProject(input.organization, input.project ?? DEFAULT_PROJECT);
    const workspace = this.store.addWorkspace({
      organization: input.organization,
      name: input.name,
      ...(input.id ? { id: input.id } : {}),
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    });
    this.meta.set(workspace.id, {
      projectId: project.id,
      tagNames: [...(input.tagNames ?? [])],
      tagBindings: [...(input.tagBindings ?? [])],
    });
    this.requireOrganization(input.organization).workspaceIds.push(workspace.id);
    return workspace;
  }

  /** `count` workspaces named by `describe` (index -> input without organization). */
  generateWorkspaces(
    organization: string,
    count: number,
    describe: (index: number) => Omit<OrgWorkspaceInput, 'organization'>,
  ): SimWorkspace[] {
    return Array.from({ length: count }, (_, index) =>
      this.addWorkspace({ ...describe(index), organization }),
    );
  }

  moveWorkspace(workspaceId: string, projectName: string): void {
    const meta = this.requireMeta(workspaceId);
    const workspace = this.store.workspace(workspaceId);
    if (!workspace) throw new Error(`moveWorkspace: unknown workspace ${workspaceId}`);
    meta.projectId = this.addProject(workspace.organization, projectName).id;
  }

  setTags(workspaceId: string, tags: { tagNames?: string[]; tagBindings?: SimTagBinding[] }): void {
    const meta = this.requireMeta(workspaceId);
    if (tags.tagNames) meta.tagNames = [...tags.tagNames];
    if (tags.tagBindings) meta.tagBindings = [...tags.tagBindings];
  }

  workspacesOf(organization: string): SimWorkspace[] {
    const ids = this.organizations.get(organization)?.workspaceIds ?? [];
    return ids.flatMap((id) => {
      const workspace = this.store.workspace(id);
      return workspace ? [workspace] : [];
    });
  }

  metaOf(workspaceId: string): SimWorkspaceMeta | undefined {
    return this.meta.get(workspaceId);
  }

  /** A run of an org workspace, also known to the SimStore (in progress while its status is not final). */
  addRun(input: OrgRunInput): SimOrgRun {
    const workspace = this.store.workspace(input.workspaceId);
    if (!workspace || !this.meta.has(workspace.id))
      throw new Error(`addRun: ${input.workspaceId} is not an org workspace`);
    const status = input.status ?? 'applied';
    const stored = this.store.addRun({
      workspaceId: workspace.id,
      id: input.id ?? generateId('run'),
      inProgress: runStatusGroupOf(status) === 'non_final',
    });
    const createdAtMs =
      input.createdAt === undefined ? this.wholeSecondNow() : parseInstantOrThrow(input.createdAt);
    const createdAt = formatInstant(createdAtMs);
    const run: SimOrgRun = {
      id: stored.id,
      workspaceId: workspace.id,
      organization: workspace.organization,
      operation: input.operation ?? 'plan_and_apply',
      createdAtMs,
      sequence: this.runs.size,
      status,
      statusTimestamps: { 'plan-queueable-at': createdAt, [`${status.replaceAll('_', '-')}-at`]: createdAt },
    };
    this.runs.set(run.id, run);
    this.runsByOrganization.get(workspace.organization)?.push(run);
    const current = this.currentRuns.get(workspace.id);
    if (!current || current.createdAtMs <= createdAtMs) this.currentRuns.set(workspace.id, run);
    return run;
  }

  setRunStatus(runId: string, status: string): void {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`setRunStatus: unknown run ${runId}`);
    run.status = status;
    run.statusTimestamps[`${status.replaceAll('_', '-')}-at`] = this.clock.now();
    this.store.setRunInProgress(runId, runStatusGroupOf(status) === 'non_final');
  }

  run(id: string): SimOrgRun | undefined {
    return this.runs.get(id);
  }

  /** Newest first (creation time, then creation order). */
  runsOf(organization: string): SimOrgRun[] {
    return [...(this.runsByOrganization.get(organization) ?? [])].sort(
      (a, b) => b.createdAtMs - a.createdAtMs || b.sequence - a.sequence,
    );
  }

  currentRunOf(workspaceId: string): SimOrgRun | undefined {
    return this.currentRuns.get(workspaceId);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  private wholeSecondNow(): number {
    return Math.floor(this.clock.nowMs() / 1000) * 1000;
  }

  private requireOrganization(name: string): { projects: SimProject[]; workspaceIds: string[] } {
    const org = this.organizations.get(name);
    if (!org) throw new Error(`unknown organization ${name}`);
    return org;
  }

  private requireMeta(workspaceId: string): SimWorkspaceMeta {
    const meta = this.meta.get(workspaceId);
    if (!meta) throw new Error(`${workspaceId} is not an org workspace`);
    return meta;
  }
}

const directories = new WeakMap<SimStore, OrgDirectory>();

export function attachOrgDirectory(store: SimStore, clock: SimClock): OrgDirectory {
  const directory = new OrgDirectory(store, clock);
  directories.set(store, directory);
  return directory;
}

export function orgDirectoryOf(store: SimStore): OrgDirectory {
  const directory = directories.get(store);
  if (!directory) throw new Error('no OrgDirectory attached to this store');
  return directory;
}

function parseInstantOrThrow(text: string): number {
  const ms = parseInstant(text);
  if (ms === null) throw new Error(`${JSON.stringify(text)} is not an ISO-8601 timestamp`);
  return Math.floor(ms / 1000) * 1000;
}

function generateProjectId(): string {
  return generateId('ws').replace(/^ws-/, 'prj-');
}
