import type { HcpClient } from '../../src/hcp/client.js';
import { type HcpSimulator, SEED, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { lastUrl, simClient } from './sim-client.js';

/** The API reference's seven sample requests (the "seed", docs/architecture.md), sent by the client against the simulator's seed states. */
describe.each(['list', 'show', 'lifecycle'] as const)('seed state %s', (state) => {
  let sim: HcpSimulator;
  let client: HcpClient;

  beforeAll(async () => {
    sim = await startHcpSimulator({ token: 't0ken-abc' });
    sim.loadSeedSamples(state);
    client = simClient(sim).client;
  });

  afterAll(async () => {
    await sim.close();
  });

  if (state === 'list') {
    test('list actions', async () => {
      const page = await client.listActions(SEED.workspaceId, { pageSize: 20 });
      expect(lastUrl(sim)).toBe(`/api/v2/workspaces/${SEED.workspaceId}/terraform-actions?page%5Bsize%5D=20`);
      expect(page.items).toEqual([
        {
          id: SEED.actionId,
          address: 'action.terraform_data.restart',
          moduleAddress: 'module.foo',
          provider: 'terraform',
          documentationUrl: null,
          createdAt: '2026-05-12T15:30:00Z',
          updatedAt: '2026-05-12T15:31:00Z',
          invocationCount: null,
          instanceType: 'for_each',
          countValue: null,
          forEachValues: ['key1', 'key2', 'key3'],
          workspaceId: SEED.workspaceId,
          lastInvocationId: SEED.directInvocationId,
        },
      ]);
      expect(page.pagination).toMatchObject({ currentPage: 1, nextPage: null, prevPage: null, pageSize: 20 });
    });

    test('action filter options', async () => {
      const options = await client.getActionFilterOptions(SEED.workspaceId);
      expect(lastUrl(sim)).toBe(`/api/v2/workspaces/${SEED.workspaceId}/terraform-actions/filter-options`);
      expect(options).toEqual({ workspaceId: SEED.workspaceId, providers: ['terraform'] });
    });

    test('run summaries', async () => {
      const page = await client.listRunSummaries(SEED.actionId, {
        invocationMethods: ['direct'],
        pageSize: 20,
      });
      expect(lastUrl(sim)).toBe(
        `/api/v2/terraform-actions/${SEED.actionId}/invocations/run-summary?filter%5Binvocation_method%5D=direct&page%5Bsize%5D=20`,
      );
      expect(page.items).toEqual([
        {
          id: `${SEED.actionId}:${SEED.runId}`,
          actionId: SEED.actionId,
          runId: SEED.runId,
          aggregateInvocationStatus: 'successful',
          invocationMethod: 'direct',
          invokedAt: '2026-05-12T15:40:00Z',
          invokedBy: { username: 'example-user', avatarUrl: 'https://example.com/avatar.png' },
          successful: 1,
          failed: 0,
          plannedInvocationCount: 1,
        },
      ]);
    });

    test('invocation filter options', async () => {
      const options = await client.getInvocationFilterOptions(SEED.actionId);
      expect(lastUrl(sim)).toBe(`/api/v2/terraform-actions/${SEED.actionId}/invocations/filter-options`);
      expect(options.actionId).toBe(SEED.actionId);
      expect(options.invokedBy).toEqual(expect.arrayContaining(['example-user', 'system:not_a_user']));
    });

    test('invocations of a run', async () => {
      const page = await client.listInvocations(SEED.actionId, SEED.runId, {
        statuses: ['successful'],
        pageSize: 20,
      });
      expect(lastUrl(sim)).toBe(
        `/api/v2/terraform-actions/${SEED.actionId}/runs/${SEED.runId}/invocations?filter%5Bstatus%5D=successful&page%5Bsize%5D=20`,
      );
      expect(page.items).toEqual([
        {
          id: SEED.directInvocationId,
          finalStatus: 'successful',
          invocationMethod: 'direct',
          actionKey: null,
          actionTriggerEvent: null,
          triggeringResourceAddress: null,
          actionTriggerBlockIndex: null,
          actionsListIndex: 0,
          invokedAt: '2026-05-12T15:40:00Z',
          createdAt: '2026-05-12T15:40:00Z',
          updatedAt: '2026-05-12T15:41:00Z',
          actionId: SEED.actionId,
          runId: SEED.runId,
        },
      ]);
      expect(page.counts).toEqual({ invocations: 1 });
    });

    test('workspaces by ID and by organization/name', async () => {
      const expected = { id: SEED.workspaceId, name: SEED.workspaceName, organization: SEED.organization };
      expect(await client.getWorkspace(SEED.workspaceId)).toEqual(expected);
      expect(lastUrl(sim)).toBe(`/api/v2/workspaces/${SEED.workspaceId}`);
      expect(await client.getWorkspaceByName(SEED.organization, SEED.workspaceName)).toEqual(expected);
      expect(lastUrl(sim)).toBe(
        `/api/v2/organizations/${SEED.organization}/workspaces/${SEED.workspaceName}`,
      );
    });
  }

  if (state === 'show') {
    test('show an action', async () => {
      const action = await client.getAction(SEED.actionId);
      expect(lastUrl(sim)).toBe(`/api/v2/terraform-actions/${SEED.actionId}`);
      expect(action).toEqual({
        id: SEED.actionId,
        address: 'action.terraform_data.restart',
        moduleAddress: 'system:root_module',
        provider: 'terraform',
        documentationUrl: null,
        createdAt: '2026-05-12T15:30:00Z',
        updatedAt: '2026-05-12T15:31:00Z',
        invocationCount: 3,
        instanceType: 'count',
        countValue: 3,
        forEachValues: null,
        workspaceId: SEED.workspaceId,
        lastInvocationId: SEED.directInvocationId,
      });
    });
  }

  if (state === 'lifecycle') {
    test('lifecycle resource groups', async () => {
      const page = await client.listResourceGroups(SEED.actionId, SEED.runId, {
        statuses: ['successful'],
        pageSize: 20,
      });
      expect(lastUrl(sim)).toBe(
        `/api/v2/terraform-actions/${SEED.actionId}/runs/${SEED.runId}/invocations/lifecycle-resource-groups?filter%5Baggregate_status%5D=successful&page%5Bsize%5D=20`,
      );
      expect(page.items).toEqual([
        {
          id: 'aws_instance.example',
          triggeringResourceAddress: 'aws_instance.example',
          aggregateInvocationStatus: 'successful',
          invocations: [
            {
              id: SEED.lifecycleInvocationId,
              finalStatus: 'successful',
              actionKey: null,
              actionTriggerEvent: 'AfterCreate',
            },
          ],
        },
      ]);
      expect(page.counts).toEqual({ invocations: 1, 'resource-groups': 1 });
    });
  }
});
