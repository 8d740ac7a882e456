import type { ResourceGroupView, RunSummaryView } from './derive.js';
import { SEED_NOT_A_USER } from './seed-values.js';
import type { SimAction, SimInvocation, SimWorkspace } from './types.js';

/** JSON:API resource objects, attribute names and shapes exactly as the API reference's samples show them. */

interface ResourceRef {
  data: { id: string; type: string } | null;
}

function ref(type: string, id: string | null): ResourceRef {
  return { data: id === null ? null : { id, type } };
}

export function actionResource(
  action: SimAction,
  lastInvocationId: string | null,
  invocationCount?: number,
): Record<string, unknown> {
  return {
    id: action.id,
    type: 'actions',
    attributes: {
      address: action.address,
      'module-address': action.moduleAddress,
      provider: action.provider,
      'documentation-url': action.documentationUrl,
      'created-at': action.createdAt,
      'updated-at': action.updatedAt,
      // Only the show endpoint carries the count (the list sample has none).
      ...(invocationCount === undefined ? {} : { 'invocation-count': invocationCount }),
      'instance-type': action.instanceType,
      'count-value': action.countValue,
      'for-each-values': action.forEachValues ? [...action.forEachValues] : null,
    },
    relationships: {
      workspace: ref('workspaces', action.workspaceId),
      'last-invocation': ref('action-invocations', lastInvocationId),
    },
  };
}

export function actionFilterOptionsResource(
  workspaceId: string,
  providers: string[],
): Record<string, unknown> {
  return { id: workspaceId, type: 'action-filter-options', attributes: { providers } };
}

export function runSummaryResource(summary: RunSummaryView): Record<string, unknown> {
  const { latest } = summary;
  return {
    id: summary.id,
    type: 'action-invocation-run-summary',
    attributes: {
      'aggregate-invocation-status': summary.status,
      'invocation-method': summary.method,
      'invoked-at': summary.invokedAt,
      'invoked-by':
        latest.invokedBy === null
          ? null
          : { username: latest.invokedBy, 'avatar-url': latest.invokedByAvatarUrl },
      'invocation-statuses': { successful: summary.successful, failed: summary.failed },
      'planned-invocation-count': summary.planned,
    },
    relationships: {
      action: ref('actions', summary.action.id),
      run: ref('runs', summary.run.id),
    },
  };
}

export function invokerValue(invocation: SimInvocation): string {
  return invocation.invokedBy ?? SEED_NOT_A_USER;
}

export function invocationFilterOptionsResource(
  actionId: string,
  invokers: string[],
): Record<string, unknown> {
  return { id: actionId, type: 'action-invocation-filter-options', attributes: { 'invoked-by': invokers } };
}

export function invocationResource(invocation: SimInvocation): Record<string, unknown> {
  return {
    id: invocation.id,
    type: 'action-invocations',
    attributes: {
      'final-status': invocation.finalStatus,
      'invocation-method': invocation.method,
      'action-key': invocation.actionKey,
      'action-trigger-event': invocation.triggerEvent,
      'triggering-resource-address': invocation.triggeringResourceAddress,
      'action-trigger-block-index': invocation.actionTriggerBlockIndex,
      'actions-list-index': invocation.actionsListIndex,
      'invoked-at': invocation.invokedAt,
      'created-at': invocation.createdAt,
      'updated-at': invocation.updatedAt,
    },
    relationships: {
      action: ref('actions', invocation.actionId),
      run: ref('runs', invocation.runId),
    },
  };
}

export function resourceGroupResource(group: ResourceGroupView): Record<string, unknown> {
  return {
    id: group.address,
    type: 'action-invocation-resource-groups',
    attributes: {
      'triggering-resource-address': group.address,
      'aggregate-invocation-status': group.status,
      invocations: group.invocations.map((invocation) => ({
        id: invocation.id,
        'final-status': invocation.finalStatus,
        'action-key': invocation.actionKey,
        'action-trigger-event': invocation.triggerEvent,
      })),
    },
  };
}

export function workspaceResource(workspace: SimWorkspace): Record<string, unknown> {
  return {
    id: workspace.id,
    type: 'workspaces',
    attributes: { name: workspace.name, 'created-at': workspace.createdAt },
    relationships: { organization: ref('organizations', workspace.organization) },
  };
}
