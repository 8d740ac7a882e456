/**
 * What the worker knows of an organization's workspaces (name, project, tags): the facts scope membership
 * is decided on. Cost model:
 * - full listing: ceil(workspaces / 100) requests (10,000 workspaces: 100), at the first cycle of an
 *   organization and then every DIRECTORY_REFRESH_MS; it finds workspaces that left a scope (renamed,
 *   moved out of a project, untagged) and ones that joined without running yet;
 * - in a cycle where the signal names workspaces: 1 request, the page of the 100 workspaces with the newest
 *   runs (sort=-current-run.created-at), which refreshes the facts of the workspaces that just ran, so one
 *   created, moved into a project or tagged is in scope from its first run; +2 requests per named workspace
 *   beyond that page (its name, then a name search for its project and tags).
 */

import type { Redis } from 'ioredis';
import type { HcpApi } from '../hcp/api.js';
import type { ListOrganizationWorkspacesOptions, OrganizationWorkspace } from '../hcp/organization-types.js';
import { MAX_PAGE_SIZE } from '../hcp/query.js';
import type { OrgKeys } from './org-keys.js';
import type { ScopedWorkspace } from './scope.js';

export const DIRECTORY_REFRESH_MS = 60 * 60_000;

export interface WorkspaceFacts extends ScopedWorkspace {
  id: string;
}

const INCLUDES: ListOrganizationWorkspacesOptions['include'] = ['project', 'effective_tag_bindings'];

export class OrganizationDirectory {
  constructor(
    private readonly redis: Redis,
    private readonly orgKeys: OrgKeys,
    private readonly hcp: HcpApi,
  ) {}

  read(organization: string): Promise<Map<string, WorkspaceFacts>> {
    return readDirectory(this.redis, this.orgKeys, organization);
  }

  async isStale(organization: string, nowMs: number, maxAgeMs = DIRECTORY_REFRESH_MS): Promise<boolean> {
    const listedAt = Number(await this.redis.hget(this.orgKeys.directoryMeta(organization), 'listedAt'));
    return !Number.isFinite(listedAt) || listedAt === 0 || nowMs - listedAt >= maxAgeMs;
  }

  /** The facts of these workspaces, those known. */
  async readSome(
    organization: string,
    workspaceIds: readonly string[],
  ): Promise<Map<string, WorkspaceFacts>> {
    const facts = new Map<string, WorkspaceFacts>();
    const ids = [...new Set(workspaceIds)];
    if (ids.length === 0) return facts;
    const values = await this.redis.hmget(this.orgKeys.directory(organization), ...ids);
    ids.forEach((id, index) => {
      const parsed = parseFacts(values[index] ?? '');
      if (parsed) facts.set(id, parsed);
    });
    return facts;
  }

  /** Lists every workspace of the organization and replaces what was known. Returns the requests made. */
  async refreshAll(organization: string, nowMs: number): Promise<number> {
    const found = new Map<string, WorkspaceFacts>();
    let requests = 0;
    for (let pageNumber: number | null = 1; pageNumber !== null; ) {
      const page = await this.hcp.listOrganizationWorkspaces(organization, {
        include: INCLUDES,
        pageSize: MAX_PAGE_SIZE,
        pageNumber,
      });
      requests++;
      for (const workspace of page.items) found.set(workspace.id, factsOf(workspace));
      pageNumber = page.items.length === 0 ? null : page.pagination.nextPage;
    }
    const key = this.orgKeys.directory(organization);
    const multi = this.redis.multi().del(key);
    if (found.size > 0)
      multi.hset(key, Object.fromEntries([...found].map(([id, facts]) => [id, JSON.stringify(facts)])));
    multi.hset(this.orgKeys.directoryMeta(organization), {
      listedAt: nowMs,
      requests,
      workspaces: found.size,
    });
    await multi.exec();
    return requests;
  }

  /** Fresh facts of the named workspaces (see the cost model above). Returns the requests made. */
  async refreshNamed(organization: string, workspaceIds: ReadonlySet<string>): Promise<number> {
    if (workspaceIds.size === 0) return 0;
    const fresh = new Map<string, WorkspaceFacts>();
    const recent = await this.hcp.listOrganizationWorkspaces(organization, {
      include: INCLUDES,
      sort: '-current-run.created-at',
      pageSize: MAX_PAGE_SIZE,
    });
    let requests = 1;
    for (const workspace of recent.items)
      if (workspaceIds.has(workspace.id)) fresh.set(workspace.id, factsOf(workspace));
    for (const id of workspaceIds) {
      if (fresh.has(id)) continue;
      const { name } = await this.hcp.getWorkspace(id);
      const page = await this.hcp.listOrganizationWorkspaces(organization, {
        include: INCLUDES,
        nameContains: name,
        pageSize: MAX_PAGE_SIZE,
      });
      requests += 2;
      const match = page.items.find((workspace) => workspace.id === id);
      if (match) fresh.set(id, factsOf(match));
    }
    if (fresh.size > 0)
      await this.redis.hset(
        this.orgKeys.directory(organization),
        Object.fromEntries([...fresh].map(([id, facts]) => [id, JSON.stringify(facts)])),
      );
    return requests;
  }
}

/** What is known, without asking HCP (the web process shows coverage from this). */
export async function readDirectory(
  redis: Redis,
  orgKeys: OrgKeys,
  organization: string,
): Promise<Map<string, WorkspaceFacts>> {
  const raw = await redis.hgetall(orgKeys.directory(organization));
  const facts = new Map<string, WorkspaceFacts>();
  for (const [id, json] of Object.entries(raw)) {
    const parsed = parseFacts(json);
    if (parsed) facts.set(id, parsed);
  }
  return facts;
}

function factsOf(workspace: OrganizationWorkspace): WorkspaceFacts {
  return {
    id: workspace.id,
    name: workspace.name,
    projectName: workspace.projectName,
    tagNames: workspace.tagNames,
    tagBindings: workspace.tagBindings,
  };
}

function parseFacts(json: string): WorkspaceFacts | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (typeof record.id !== 'string' || typeof record.name !== 'string') return null;
    if (!Array.isArray(record.tagNames)) return null;
    return value as WorkspaceFacts;
  } catch {
    return null;
  }
}
