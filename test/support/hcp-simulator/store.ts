import type { SimClock } from './clock.js';
import { generateId } from './ids.js';
import {
  SEED_FINAL_STATUSES,
  SEED_METHODS,
  SEED_ROOT_MODULE,
  SEED_RUN_SOURCES,
  type SeedFinalStatus,
} from './seed-values.js';
import { normalizeInstant } from './time.js';
import type {
  ActionInput,
  InvocationInput,
  RunInput,
  SimAction,
  SimInvocation,
  SimRun,
  SimWorkspace,
  WorkspaceInput,
} from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The simulator's data. Records handed out are the stored objects (typed read-only); every change goes
 * through a method here so the invariants (known parents, valid enums, whole-second timestamps) hold.
 */
export class SimStore {
  private readonly workspaces = new Map<string, SimWorkspace>();
  private readonly actions = new Map<string, SimAction>();
  private readonly actionsByWorkspace = new Map<string, SimAction[]>();
  private readonly runs = new Map<string, Mutable<SimRun>>();
  private readonly invocations = new Map<string, Mutable<SimInvocation>>();
  private readonly invocationsByAction = new Map<string, SimInvocation[]>();

  constructor(private readonly clock: SimClock) {}

  addWorkspace(input: WorkspaceInput): SimWorkspace {
    const id = unusedId(this.workspaces, input.id ?? generateId('ws'), 'workspace');
    const clash = this.workspaceByName(input.organization, input.name);
    if (clash) throw new Error(`workspace ${input.organization}/${input.name} already exists (${clash.id})`);
    const workspace: SimWorkspace = {
      id,
      name: input.name,
      organization: input.organization,
      createdAt: normalizeInstant(input.createdAt ?? this.clock.now(), 'workspace createdAt'),
    };
    this.workspaces.set(id, workspace);
    this.actionsByWorkspace.set(id, []);
    return workspace;
  }

  addAction(input: ActionInput): SimAction {
    const siblings = this.actionsByWorkspace.get(input.workspaceId);
    if (!siblings) throw new Error(`addAction: unknown workspace ${input.workspaceId}`);
    const id = unusedId(this.actions, input.id ?? generateId('action'), 'action');
    const createdAt = normalizeInstant(input.createdAt ?? this.clock.now(), 'action createdAt');
    const action: SimAction = {
      id,
      workspaceId: input.workspaceId,
      address: input.address,
      provider: input.provider ?? providerOf(input.address),
      moduleAddress: input.moduleAddress ?? SEED_ROOT_MODULE,
      instanceType: input.instanceType ?? 'single',
      countValue: input.countValue ?? null,
      forEachValues: input.forEachValues ? [...input.forEachValues] : null,
      documentationUrl: input.documentationUrl ?? null,
      createdAt,
      updatedAt: input.updatedAt ? normalizeInstant(input.updatedAt, 'action updatedAt') : createdAt,
    };
    this.actions.set(id, action);
    siblings.push(action);
    this.invocationsByAction.set(id, []);
    return action;
  }

  addRun(input: RunInput): SimRun {
    if (!this.workspaces.has(input.workspaceId))
      throw new Error(`addRun: unknown workspace ${input.workspaceId}`);
    const source = input.source ?? 'tfe-api';
    if (!SEED_RUN_SOURCES.includes(source)) throw new Error(`addRun: unknown run source ${source}`);
    const id = unusedId(this.runs, input.id ?? generateId('run'), 'run');
    const run: SimRun = { id, workspaceId: input.workspaceId, source, inProgress: input.inProgress ?? false };
    this.runs.set(id, run);
    return run;
  }

  addInvocation(input: InvocationInput): SimInvocation {
    const action = this.actions.get(input.actionId);
    if (!action) throw new Error(`addInvocation: unknown action ${input.actionId}`);
    const run = this.runs.get(input.runId);
    if (!run) throw new Error(`addInvocation: unknown run ${input.runId}`);
    if (run.workspaceId !== action.workspaceId)
      throw new Error(`addInvocation: ${action.id} and ${run.id} belong to different workspaces`);
    const finalStatus = checkedFinalStatus(input.finalStatus ?? 'successful', 'addInvocation');
    const method = input.method ?? 'direct';
    if (!SEED_METHODS.includes(method)) throw new Error(`addInvocation: unknown method ${method}`);
    const id = unusedId(this.invocations, input.id ?? generateId('ai'), 'invocation');
    const invokedBy = input.invokedBy ?? null;
    const invokedAt = normalizeInstant(input.invokedAt ?? this.clock.now(), 'invocation invokedAt');
    const createdAt = input.createdAt ? normalizeInstant(input.createdAt, 'invocation createdAt') : invokedAt;
    const invocation: SimInvocation = {
      id,
      actionId: action.id,
      runId: run.id,
      finalStatus,
      method,
      invokedBy,
      invokedByAvatarUrl:
        input.invokedByAvatarUrl !== undefined ? input.invokedByAvatarUrl : defaultAvatarUrl(invokedBy),
      actionKey: input.actionKey ?? null,
      triggerEvent: input.triggerEvent ?? null,
      triggeringResourceAddress: input.triggeringResourceAddress ?? null,
      actionTriggerBlockIndex: input.blockIndex ?? null,
      actionsListIndex: input.listIndex === undefined ? 0 : input.listIndex,
      invokedAt,
      createdAt,
      updatedAt: input.updatedAt ? normalizeInstant(input.updatedAt, 'invocation updatedAt') : createdAt,
    };
    this.invocations.set(id, invocation);
    this.invocationsByAction.get(action.id)?.push(invocation);
    return invocation;
  }

  setInvocationStatus(invocationId: string, status: SeedFinalStatus): void {
    const invocation = this.invocations.get(invocationId);
    if (!invocation) throw new Error(`setInvocationStatus: unknown invocation ${invocationId}`);
    invocation.finalStatus = checkedFinalStatus(status, 'setInvocationStatus');
    invocation.updatedAt = this.clock.now();
  }

  setRunInProgress(runId: string, inProgress: boolean): void {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`unknown run ${runId}`);
    run.inProgress = inProgress;
  }

  workspace(id: string): SimWorkspace | undefined {
    return this.workspaces.get(id);
  }

  workspaceByName(organization: string, name: string): SimWorkspace | undefined {
    for (const workspace of this.workspaces.values())
      if (workspace.organization === organization && workspace.name === name) return workspace;
    return undefined;
  }

  action(id: string): SimAction | undefined {
    return this.actions.get(id);
  }

  actionsOf(workspaceId: string): readonly SimAction[] {
    return this.actionsByWorkspace.get(workspaceId) ?? [];
  }

  run(id: string): SimRun | undefined {
    return this.runs.get(id);
  }

  invocation(id: string): SimInvocation | undefined {
    return this.invocations.get(id);
  }

  invocationsOf(actionId: string): readonly SimInvocation[] {
    return this.invocationsByAction.get(actionId) ?? [];
  }
}

function unusedId<T>(records: Map<string, T>, id: string, kind: string): string {
  if (records.has(id)) throw new Error(`${kind} ${id} already exists`);
  return id;
}

function checkedFinalStatus(status: SeedFinalStatus, caller: string): SeedFinalStatus {
  if (!SEED_FINAL_STATUSES.includes(status)) throw new Error(`${caller}: unknown final status ${status}`);
  return status;
}

/** `action.aws_lambda_invoke.x` belongs to provider `aws`: the action type's prefix, as for resources. */
function providerOf(address: string): string {
  const type = address.split('.')[1] ?? '';
  const prefix = type.split('_')[0];
  return prefix ? prefix : 'terraform';
}

function defaultAvatarUrl(username: string | null): string | null {
  return username === null ? null : `https://example.com/avatars/${encodeURIComponent(username)}.png`;
}
