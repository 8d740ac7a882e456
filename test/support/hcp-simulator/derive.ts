import type { SeedAggregateStatus, SeedGroupStatus, SeedMethod } from './seed-values.js';
import type { SimStore } from './store.js';
import type { SimAction, SimInvocation, SimRun } from './types.js';

/** What the API derives from stored invocations: last invocations, run summaries, resource groups. */

export interface RunSummaryView {
  readonly id: string;
  readonly action: SimAction;
  readonly run: SimRun;
  readonly status: SeedAggregateStatus;
  readonly method: SeedMethod;
  readonly invokedAt: string;
  readonly latest: SimInvocation;
  readonly successful: number;
  readonly failed: number;
  readonly planned: number;
}

export interface ResourceGroupView {
  readonly address: string;
  readonly status: SeedGroupStatus;
  /** In execution order. */
  readonly invocations: readonly SimInvocation[];
}

/** The invocation with the latest invokedAt; on a tie, the one added last. */
export function latestInvocation(invocations: readonly SimInvocation[]): SimInvocation | undefined {
  let latest: SimInvocation | undefined;
  for (const invocation of invocations)
    if (!latest || invocation.invokedAt >= latest.invokedAt) latest = invocation;
  return latest;
}

/** Whole-second UTC timestamps of one format compare correctly as strings. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullableIndex(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

export function byExecutionOrder(a: SimInvocation, b: SimInvocation): number {
  return (
    compareNullableIndex(a.actionsListIndex, b.actionsListIndex) ||
    compareNullableIndex(a.actionTriggerBlockIndex, b.actionTriggerBlockIndex) ||
    compareText(a.invokedAt, b.invokedAt) ||
    compareText(a.id, b.id)
  );
}

export function byAddress(a: SimAction, b: SimAction): number {
  return compareText(a.address, b.address) || compareText(a.id, b.id);
}

function settledStatus(invocations: readonly SimInvocation[]): SeedGroupStatus {
  if (invocations.some((invocation) => invocation.finalStatus === 'failed')) return 'not_successful';
  if (invocations.every((invocation) => invocation.finalStatus === 'not_invoked')) return 'not_invoked';
  return 'successful';
}

export function aggregateStatus(
  invocations: readonly SimInvocation[],
  runInProgress: boolean,
): SeedAggregateStatus {
  return runInProgress ? 'run_in_progress' : settledStatus(invocations);
}

/** One summary per run that has invocations of the action, newest invoked-at first (ties by run ID). */
export function runSummariesOf(store: SimStore, action: SimAction): RunSummaryView[] {
  const byRun = new Map<string, SimInvocation[]>();
  for (const invocation of store.invocationsOf(action.id)) {
    const group = byRun.get(invocation.runId);
    if (group) group.push(invocation);
    else byRun.set(invocation.runId, [invocation]);
  }
  const summaries: RunSummaryView[] = [];
  for (const [runId, invocations] of byRun) {
    const run = store.run(runId);
    const latest = latestInvocation(invocations);
    if (!run || !latest) continue;
    summaries.push({
      id: `${action.id}:${run.id}`,
      action,
      run,
      status: aggregateStatus(invocations, run.inProgress),
      method: latest.method,
      invokedAt: latest.invokedAt,
      latest,
      successful: invocations.filter((invocation) => invocation.finalStatus === 'successful').length,
      failed: invocations.filter((invocation) => invocation.finalStatus === 'failed').length,
      planned: invocations.length,
    });
  }
  return summaries.sort((a, b) => compareText(b.invokedAt, a.invokedAt) || compareText(a.run.id, b.run.id));
}

/** The action's invocations in one run, in execution order. */
export function invocationsInRun(store: SimStore, actionId: string, runId: string): SimInvocation[] {
  return store
    .invocationsOf(actionId)
    .filter((invocation) => invocation.runId === runId)
    .sort(byExecutionOrder);
}

/** Lifecycle invocations grouped by triggering resource address, groups ordered by address. */
export function resourceGroupsOf(invocations: readonly SimInvocation[]): ResourceGroupView[] {
  const byAddress = new Map<string, SimInvocation[]>();
  for (const invocation of invocations) {
    if (invocation.method !== 'lifecycle') continue;
    const address = invocation.triggeringResourceAddress ?? '';
    const group = byAddress.get(address);
    if (group) group.push(invocation);
    else byAddress.set(address, [invocation]);
  }
  return [...byAddress.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([address, members]) => ({
      address,
      status: settledStatus(members),
      invocations: [...members].sort(byExecutionOrder),
    }));
}
