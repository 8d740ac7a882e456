import type { SimStore } from './store.js';
import type { SeedSampleState } from './types.js';

/** IDs and values of the API reference's sample responses (the "seed", docs/architecture.md). */
export const SEED = {
  workspaceId: 'ws-4j8p6jX1w33MiDC7',
  workspaceName: 'example-workspace',
  organization: 'example-org',
  actionId: 'action-ryh1uSaExmQqK72V',
  runId: 'run-KTuq99JSzgmDSvYj',
  directInvocationId: 'ai-TmqZCTY8bCi6b3Am',
  lifecycleInvocationId: 'ai-zL1x3WQdtgP5ZB8r',
  /** Not in the seed: the run holding the lifecycle invocation in the 'list' state. */
  lifecycleRunId: 'run-LfcY3x9QpR2sTu7W',
  username: 'example-user',
  avatarUrl: 'https://example.com/avatar.png',
} as const;

/**
 * The seed's samples describe three incompatible states: the list sample's action is a for_each action in
 * module.foo, the show sample's a count action in the root module with three invocations; and the
 * invocations sample says run-KTuq99JSzgmDSvYj has exactly one successful invocation while the resource
 * groups sample shows another successful (lifecycle) invocation in the same run.
 */
export function loadSeedState(store: SimStore, which: SeedSampleState): void {
  store.addWorkspace({
    id: SEED.workspaceId,
    name: SEED.workspaceName,
    organization: SEED.organization,
    createdAt: '2026-05-01T09:00:00Z',
  });
  const shared = {
    id: SEED.actionId,
    workspaceId: SEED.workspaceId,
    address: 'action.terraform_data.restart',
    provider: 'terraform',
    documentationUrl: null,
    createdAt: '2026-05-12T15:30:00Z',
    updatedAt: '2026-05-12T15:31:00Z',
  };
  if (which === 'show')
    store.addAction({ ...shared, moduleAddress: 'system:root_module', instanceType: 'count', countValue: 3 });
  else
    store.addAction({
      ...shared,
      moduleAddress: 'module.foo',
      instanceType: 'for_each',
      countValue: null,
      forEachValues: ['key1', 'key2', 'key3'],
    });

  store.addRun({ id: SEED.runId, workspaceId: SEED.workspaceId, source: 'tfe-api' });
  const direct = {
    actionId: SEED.actionId,
    finalStatus: 'successful',
    method: 'direct',
    invokedBy: SEED.username,
    invokedByAvatarUrl: SEED.avatarUrl,
    actionKey: null,
    triggerEvent: null,
    triggeringResourceAddress: null,
    blockIndex: null,
    listIndex: 0,
  } as const;

  if (which === 'show') {
    const earlierRun = store.addRun({ id: 'run-Sh0wEar1ierRunA1', workspaceId: SEED.workspaceId });
    for (const [index, minute] of ['10', '11'].entries())
      store.addInvocation({
        ...direct,
        id: `ai-Sh0wEar1ier00${index}`,
        runId: earlierRun.id,
        invokedAt: `2026-05-12T15:${minute}:00Z`,
      });
  }
  store.addInvocation({
    ...direct,
    id: SEED.directInvocationId,
    runId: SEED.runId,
    invokedAt: '2026-05-12T15:40:00Z',
    createdAt: '2026-05-12T15:40:00Z',
    updatedAt: '2026-05-12T15:41:00Z',
  });
  if (which === 'show') return;

  const lifecycleRunId = which === 'lifecycle' ? SEED.runId : SEED.lifecycleRunId;
  if (which === 'list') store.addRun({ id: lifecycleRunId, workspaceId: SEED.workspaceId, source: 'tfe-ui' });
  store.addInvocation({
    id: SEED.lifecycleInvocationId,
    actionId: SEED.actionId,
    runId: lifecycleRunId,
    finalStatus: 'successful',
    method: 'lifecycle',
    invokedBy: null,
    actionKey: null,
    triggerEvent: 'AfterCreate',
    triggeringResourceAddress: 'aws_instance.example',
    blockIndex: 0,
    listIndex: 0,
    // Before the direct invocation, so that stays the action's last invocation.
    invokedAt: '2026-05-12T15:35:00Z',
  });
}
