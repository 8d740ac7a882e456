import { createOrgKeys } from '../../src/alerts/org-keys.js';
import { readSignalState } from '../../src/alerts/org-signal-state.js';
import type { OrganizationScope } from '../../src/alerts/scope.js';
import type { SubscriptionFilters } from '../../src/alerts/types.js';
import type { HcpSimulator, SimAction } from '../support/hcp-simulator/index.js';
import { type Pipeline, until } from './harness.js';

export function uniqueOrganization(): string {
  return `org${Math.random().toString(36).slice(2, 10)}`;
}

/** An organization workspace with one action. */
export function orgWorkspace(
  sim: HcpSimulator,
  organization: string,
  name: string,
  project?: string,
): { id: string; name: string; action: SimAction } {
  const workspace = sim.organizations.addWorkspace({ organization, name, ...(project ? { project } : {}) });
  const action = sim.addAction({ workspaceId: workspace.id, address: `action.aws_lambda_invoke.${name}` });
  return { id: workspace.id, name: workspace.name, action };
}

/** A run of the workspace whose action invocation fails (the run itself ends as given, `applied` by default). */
export function failingRun(
  sim: HcpSimulator,
  workspace: { id: string; action: SimAction },
  status = 'applied',
): string {
  const run = sim.organizations.addRun({ workspaceId: workspace.id, status });
  sim.addInvocation({
    actionId: workspace.action.id,
    runId: run.id,
    finalStatus: 'failed',
    method: 'lifecycle',
  });
  return run.id;
}

/** Subscribes the channel to the scope and waits until the organization's cycle has started its watch. */
export async function subscribeScope(
  pipeline: Pipeline,
  channelId: string,
  scope: OrganizationScope,
  filters: SubscriptionFilters = {},
): Promise<string> {
  const { subscription } = await pipeline.service.subscribeOrganization({
    channelId,
    scope,
    filters,
    userId: 'U0TEST',
  });
  const orgKeys = createOrgKeys(pipeline.keys);
  await until(
    async () =>
      (await readSignalState(pipeline.redis, orgKeys, scope.organization)).started.includes(subscription.id),
    15_000,
    'the organization watch to start',
  );
  return subscription.id;
}
