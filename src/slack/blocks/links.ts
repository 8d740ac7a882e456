import type { Workspace } from '../../hcp/types.js';

type WorkspaceName = Pick<Workspace, 'organization' | 'name'>;

export function workspaceUrl(tfeAddress: string, workspace: WorkspaceName): string {
  const base = tfeAddress.replace(/\/+$/, '');
  return `${base}/app/${encodeURIComponent(workspace.organization)}/workspaces/${encodeURIComponent(workspace.name)}`;
}

export function runUrl(tfeAddress: string, workspace: WorkspaceName, runId: string): string {
  return `${workspaceUrl(tfeAddress, workspace)}/runs/${encodeURIComponent(runId)}`;
}

/** `org/name`, as users type it. */
export function workspaceLabel(workspace: WorkspaceName): string {
  return `${workspace.organization}/${workspace.name}`;
}
