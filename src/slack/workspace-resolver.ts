import type { HcpApi } from '../hcp/api.js';
import type { Workspace } from '../hcp/types.js';
import type { WorkspaceRef } from './command/types.js';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;

/** Resolves `ws-...` or `org/name` to a workspace (names are needed for run links), with a short cache. */
export class WorkspaceResolver {
  private readonly cache = new Map<string, { workspace: Workspace; expiresAt: number }>();

  constructor(
    private readonly hcp: HcpApi,
    private readonly clock: () => number = Date.now,
  ) {}

  async resolve(ref: WorkspaceRef): Promise<Workspace> {
    const key = ref.kind === 'id' ? ref.id : `${ref.organization}/${ref.name}`.toLowerCase();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.clock()) return cached.workspace;
    const workspace =
      ref.kind === 'id'
        ? await this.hcp.getWorkspace(ref.id)
        : await this.hcp.getWorkspaceByName(ref.organization, ref.name);
    this.remember(key, workspace);
    this.remember(workspace.id, workspace);
    return workspace;
  }

  byId(workspaceId: string): Promise<Workspace> {
    return this.resolve({ kind: 'id', id: workspaceId });
  }

  private remember(key: string, workspace: Workspace): void {
    if (this.cache.size >= MAX_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, { workspace, expiresAt: this.clock() + TTL_MS });
  }
}

export function describeWorkspaceRef(ref: WorkspaceRef): string {
  return ref.kind === 'id' ? `workspace ${ref.id}` : `workspace ${ref.organization}/${ref.name}`;
}
