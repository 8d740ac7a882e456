import fetch from 'node-fetch';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { get, getError, getList, getOne, groupInvocationIds, ids } from './hcp-simulator-client.js';

describe('HCP simulator endpoints', () => {
  let sim: HcpSimulator;

  beforeEach(async () => {
    sim = await startHcpSimulator();
    sim.setClock('2026-05-12T12:00:00Z');
    sim.freezeClock();
  });

  afterEach(async () => {
    await sim.close();
  });

  function workspaceWithAction() {
    const workspace = sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
    const action = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.notify' });
    return { workspace, action };
  }

  describe('workspaces', () => {
    test('show by ID and by organization/name', async () => {
      const workspace = sim.addWorkspace({ id: 'ws-abc123', name: 'networking-prod', organization: 'acme' });
      const expected = {
        data: {
          id: 'ws-abc123',
          type: 'workspaces',
          attributes: { name: 'networking-prod' },
          relationships: { organization: { data: { id: 'acme', type: 'organizations' } } },
        },
      };
      expect((await getOne(sim, `/workspaces/${workspace.id}`)).body).toMatchObject(expected);
      expect((await getOne(sim, '/organizations/acme/workspaces/networking-prod')).body).toMatchObject(
        expected,
      );
    });

    test('unknown workspace ID, name or organization is a 404', async () => {
      sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
      for (const path of [
        '/workspaces/ws-missing',
        '/organizations/acme/workspaces/other',
        '/organizations/other/workspaces/networking-prod',
      ]) {
        const response = await getError(sim, path);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ errors: [{ status: '404', title: 'not found' }] });
      }
    });

    test('generated IDs look like HCP Terraform IDs', () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id });
      const invocation = sim.addInvocation({ actionId: action.id, runId: run.id });
      expect(workspace.id).toMatch(/^ws-[A-Za-z0-9]{16}$/);
      expect(action.id).toMatch(/^action-[A-Za-z0-9]{16}$/);
      expect(run.id).toMatch(/^run-[A-Za-z0-9]{16}$/);
      expect(invocation.id).toMatch(/^ai-[A-Za-z0-9]{16}$/);
    });
  });

  describe('actions', () => {
    test('list: ordered by address, last invocation by invoked-at, null when never invoked', async () => {
      const workspace = sim.addWorkspace({ name: 'w', organization: 'o' });
      const zeta = sim.addAction({ workspaceId: workspace.id, address: 'action.terraform_data.zeta' });
      const alpha = sim.addAction({
        workspaceId: workspace.id,
        address: 'action.aws_lambda_invoke.alpha',
        moduleAddress: 'module.app',
      });
      const run = sim.addRun({ workspaceId: workspace.id });
      const later = sim.addInvocation({
        actionId: zeta.id,
        runId: run.id,
        invokedAt: '2026-05-12T10:05:00Z',
      });
      sim.addInvocation({ actionId: zeta.id, runId: run.id, invokedAt: '2026-05-12T10:00:00Z' });

      const response = await getList(sim, `/workspaces/${workspace.id}/terraform-actions`);

      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual([alpha.id, zeta.id]);
      const [first, second] = response.body.data;
      expect(first?.attributes).toMatchObject({
        provider: 'aws',
        'module-address': 'module.app',
        'instance-type': 'single',
      });
      expect(first?.relationships?.['last-invocation']?.data).toBeNull();
      expect(second?.relationships?.['last-invocation']?.data).toEqual({
        id: later.id,
        type: 'action-invocations',
      });
      expect(second?.attributes).toMatchObject({
        provider: 'terraform',
        'module-address': 'system:root_module',
      });
    });

    test('filter options: distinct providers, sorted', async () => {
      const workspace = sim.addWorkspace({ name: 'w', organization: 'o' });
      for (const address of ['action.terraform_data.a', 'action.aws_lambda_invoke.b', 'action.aws_x.c'])
        sim.addAction({ workspaceId: workspace.id, address });
      const response = await getOne(sim, `/workspaces/${workspace.id}/terraform-actions/filter-options`);
      expect(response.body.data).toEqual({
        id: workspace.id,
        type: 'action-filter-options',
        attributes: { providers: ['aws', 'terraform'] },
      });
    });

    test('show: invocation-count and last invocation', async () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id });
      sim.addInvocation({ actionId: action.id, runId: run.id, invokedAt: '2026-05-12T10:00:00Z' });
      const last = sim.addInvocation({
        actionId: action.id,
        runId: run.id,
        invokedAt: '2026-05-12T11:00:00Z',
      });
      sim.addInvocation({ actionId: action.id, runId: run.id, invokedAt: '2026-05-12T09:00:00Z' });

      const response = await getOne(sim, `/terraform-actions/${action.id}`);

      expect(response.body.data.attributes['invocation-count']).toBe(3);
      expect(response.body.data.relationships?.['last-invocation']?.data?.id).toBe(last.id);
      expect(response.body.data.relationships?.['workspace']?.data).toEqual({
        id: workspace.id,
        type: 'workspaces',
      });
    });

    test('unknown workspace or action is a 404', async () => {
      for (const path of [
        '/workspaces/ws-missing/terraform-actions',
        '/workspaces/ws-missing/terraform-actions/filter-options',
        '/terraform-actions/action-missing',
        '/terraform-actions/action-missing/invocations/run-summary',
        '/terraform-actions/action-missing/invocations/filter-options',
      ])
        expect((await getError(sim, path)).status).toBe(404);
    });
  });

  describe('run summaries', () => {
    test('aggregate status, counts, invoked-at, invoked-by; newest first, ties by run ID', async () => {
      const { workspace, action } = workspaceWithAction();
      const failedRun = sim.addRun({ id: 'run-b', workspaceId: workspace.id, source: 'tfe-ui' });
      const skippedRun = sim.addRun({ id: 'run-c', workspaceId: workspace.id });
      const mixedRun = sim.addRun({ id: 'run-a', workspaceId: workspace.id });
      const at = '2026-05-12T10:00:00Z';
      sim.addInvocation({
        actionId: action.id,
        runId: failedRun.id,
        finalStatus: 'successful',
        invokedAt: at,
      });
      sim.addInvocation({ actionId: action.id, runId: failedRun.id, finalStatus: 'failed', invokedAt: at });
      sim.addInvocation({
        actionId: action.id,
        runId: skippedRun.id,
        finalStatus: 'not_invoked',
        invokedAt: at,
      });
      sim.addInvocation({
        actionId: action.id,
        runId: mixedRun.id,
        finalStatus: 'not_invoked',
        invokedAt: '2026-05-12T09:00:00Z',
      });
      sim.addInvocation({
        actionId: action.id,
        runId: mixedRun.id,
        finalStatus: 'successful',
        invokedBy: 'alice',
        invokedAt: '2026-05-12T11:00:00Z',
      });

      const response = await getList(sim, `/terraform-actions/${action.id}/invocations/run-summary`);

      expect(ids(response.body)).toEqual([`${action.id}:run-a`, `${action.id}:run-b`, `${action.id}:run-c`]);
      const [mixed, failed, skipped] = response.body.data;
      expect(mixed?.attributes).toEqual({
        'aggregate-invocation-status': 'successful',
        'invocation-method': 'direct',
        'invoked-at': '2026-05-12T11:00:00Z',
        'invoked-by': { username: 'alice', 'avatar-url': 'https://example.com/avatars/alice.png' },
        'invocation-statuses': { successful: 1, failed: 0 },
        'planned-invocation-count': 2,
      });
      expect(failed?.attributes).toMatchObject({
        'aggregate-invocation-status': 'not_successful',
        'invoked-by': null,
        'invocation-statuses': { successful: 1, failed: 1 },
        'planned-invocation-count': 2,
      });
      expect(skipped?.attributes['aggregate-invocation-status']).toBe('not_invoked');
      expect(failed?.relationships).toEqual({
        action: { data: { id: action.id, type: 'actions' } },
        run: { data: { id: 'run-b', type: 'runs' } },
      });
    });

    test('a run in progress reads run_in_progress; finishing it changes the status, not invoked-at', async () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id, inProgress: true });
      const invocation = sim.addInvocation({
        actionId: action.id,
        runId: run.id,
        finalStatus: 'successful',
        invokedAt: '2026-05-12T10:00:00Z',
      });
      const path = `/terraform-actions/${action.id}/invocations/run-summary`;
      const before = (await getList(sim, path)).body.data[0]?.attributes;
      expect(before).toMatchObject({
        'aggregate-invocation-status': 'run_in_progress',
        'invoked-at': '2026-05-12T10:00:00Z',
      });

      sim.advanceClock(600);
      sim.setInvocationStatus(invocation.id, 'failed');
      sim.finishRun(run.id);

      const after = (await getList(sim, path)).body.data[0]?.attributes;
      expect(after).toMatchObject({
        'aggregate-invocation-status': 'not_successful',
        'invoked-at': '2026-05-12T10:00:00Z',
        'invocation-statuses': { successful: 0, failed: 1 },
      });
      expect(sim.getInvocation(invocation.id)).toMatchObject({
        invokedAt: '2026-05-12T10:00:00Z',
        updatedAt: sim.now(),
      });
      sim.setRunInProgress(run.id, true);
      expect((await getList(sim, path)).body.data[0]?.attributes['aggregate-invocation-status']).toBe(
        'run_in_progress',
      );
    });

    test('invocation filter options list invokers, system:not_a_user for invocations without one', async () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id });
      for (const invokedBy of ['zoe', null, 'adam', 'zoe'])
        sim.addInvocation({ actionId: action.id, runId: run.id, invokedBy });
      const response = await getOne(sim, `/terraform-actions/${action.id}/invocations/filter-options`);
      expect(response.body.data).toEqual({
        id: action.id,
        type: 'action-invocation-filter-options',
        attributes: { 'invoked-by': ['adam', 'system:not_a_user', 'zoe'] },
      });
    });
  });

  describe('invocations of a run', () => {
    test('in execution order: list index, then block index, then invoked-at, then ID', async () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id });
      const add = (id: string, listIndex: number | null, blockIndex: number | null, invokedAt: string) =>
        sim.addInvocation({ id, actionId: action.id, runId: run.id, listIndex, blockIndex, invokedAt });
      add('ai-e', null, null, '2026-05-12T09:00:00Z');
      add('ai-d', 1, 0, '2026-05-12T09:00:00Z');
      add('ai-c', 0, 2, '2026-05-12T09:00:00Z');
      add('ai-b', 0, 1, '2026-05-12T09:00:01Z');
      add('ai-a2', 0, 1, '2026-05-12T09:00:00Z');
      add('ai-a1', 0, 1, '2026-05-12T09:00:00Z');

      const response = await getList(sim, `/terraform-actions/${action.id}/runs/${run.id}/invocations`);

      expect(ids(response.body)).toEqual(['ai-a1', 'ai-a2', 'ai-b', 'ai-c', 'ai-d', 'ai-e']);
      expect(response.body.meta?.counts).toEqual({ invocations: { total: 6 } });
    });

    test('lifecycle resource groups: lifecycle invocations only, by address, aggregate status per group', async () => {
      const { workspace, action } = workspaceWithAction();
      const run = sim.addRun({ workspaceId: workspace.id });
      const lifecycle = (id: string, address: string, finalStatus: 'successful' | 'failed' | 'not_invoked') =>
        sim.addInvocation({
          id,
          actionId: action.id,
          runId: run.id,
          method: 'lifecycle',
          finalStatus,
          triggeringResourceAddress: address,
          triggerEvent: 'AfterUpdate',
          blockIndex: 0,
          actionKey: id === 'ai-w2' ? '"blue"' : null,
        });
      sim.addInvocation({ id: 'ai-direct', actionId: action.id, runId: run.id, method: 'direct' });
      lifecycle('ai-w2', 'aws_instance.web', 'failed');
      lifecycle('ai-w1', 'aws_instance.web', 'successful');
      lifecycle('ai-d1', 'aws_instance.db', 'not_invoked');
      lifecycle('ai-c1', 'aws_instance.cache', 'successful');
      lifecycle('ai-c2', 'aws_instance.cache', 'not_invoked');

      const response = await getList(
        sim,
        `/terraform-actions/${action.id}/runs/${run.id}/invocations/lifecycle-resource-groups`,
      );

      expect(ids(response.body)).toEqual(['aws_instance.cache', 'aws_instance.db', 'aws_instance.web']);
      expect(response.body.data.map((group) => group.attributes['aggregate-invocation-status'])).toEqual([
        'successful',
        'not_invoked',
        'not_successful',
      ]);
      expect(response.body.data.map(groupInvocationIds)).toEqual([
        ['ai-c1', 'ai-c2'],
        ['ai-d1'],
        ['ai-w1', 'ai-w2'],
      ]);
      expect(response.body.data[2]?.attributes['invocations']).toEqual([
        {
          id: 'ai-w1',
          'final-status': 'successful',
          'action-key': null,
          'action-trigger-event': 'AfterUpdate',
        },
        {
          id: 'ai-w2',
          'final-status': 'failed',
          'action-key': '"blue"',
          'action-trigger-event': 'AfterUpdate',
        },
      ]);
      expect(response.body.meta?.counts).toEqual({
        invocations: { total: 5 },
        'resource-groups': { total: 3 },
      });
    });

    test('unknown action or run, or a run without invocations of the action, is a 404', async () => {
      const { workspace, action } = workspaceWithAction();
      const other = sim.addAction({ workspaceId: workspace.id, address: 'action.terraform_data.other' });
      const run = sim.addRun({ workspaceId: workspace.id });
      sim.addInvocation({ actionId: other.id, runId: run.id });
      for (const suffix of ['invocations', 'invocations/lifecycle-resource-groups']) {
        expect((await getError(sim, `/terraform-actions/${action.id}/runs/${run.id}/${suffix}`)).status).toBe(
          404,
        );
        expect(
          (await getError(sim, `/terraform-actions/${action.id}/runs/run-missing/${suffix}`)).status,
        ).toBe(404);
        expect(
          (await getError(sim, `/terraform-actions/action-missing/runs/${run.id}/${suffix}`)).status,
        ).toBe(404);
        expect((await getError(sim, `/terraform-actions/${other.id}/runs/${run.id}/${suffix}`)).status).toBe(
          200,
        );
      }
    });
  });

  describe('protocol', () => {
    test('unknown paths and methods are 404s', async () => {
      for (const path of ['/nope', '/terraform-actions', '/workspaces/ws-a/terraform-actions/x/y'])
        expect((await getError(sim, path)).status).toBe(404);
      expect((await get(sim, `${sim.address}/other`)).status).toBe(404);
      const post = await fetch(`${sim.address}/api/v2/terraform-actions/action-x`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sim.token}` },
      });
      await post.text();
      expect(post.status).toBe(404);
    });

    test('a missing or wrong token is a 401, recorded as unauthorized', async () => {
      const { action } = workspaceWithAction();
      const path = `/terraform-actions/${action.id}`;
      for (const token of [null, 'wrong-token', '']) {
        const response = await get(sim, path, { token });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ errors: [{ status: '401', title: 'unauthorized' }] });
      }
      expect(sim.requests.map((request) => [request.authorized, request.status])).toEqual([
        [false, 401],
        [false, 401],
        [false, 401],
      ]);
      expect((await get(sim, path)).status).toBe(200);
      expect(sim.requests.at(-1)?.authorized).toBe(true);
    });

    test('a custom token', async () => {
      const custom = await startHcpSimulator({ token: 'other' });
      try {
        expect(custom.token).toBe('other');
        expect((await get(custom, '/workspaces/ws-x')).status).toBe(404);
        expect((await get(custom, '/workspaces/ws-x', { token: 'sim-token' })).status).toBe(401);
      } finally {
        await custom.close();
      }
    });

    test('requests are recorded in arrival order with path, raw search and decoded query', async () => {
      const { action } = workspaceWithAction();
      await get(
        sim,
        `/terraform-actions/${action.id}/invocations/run-summary?filter%5Bsource%5D=tfe-ui%2Ctfe-api`,
      );
      await get(sim, `/terraform-actions/${action.id}`);
      expect(sim.requests).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: `/api/v2/terraform-actions/${action.id}/invocations/run-summary`,
          search: '?filter%5Bsource%5D=tfe-ui%2Ctfe-api',
          query: { 'filter[source]': 'tfe-ui,tfe-api' },
          authorized: true,
          status: 200,
        }),
        expect.objectContaining({ path: `/api/v2/terraform-actions/${action.id}`, search: '', query: {} }),
      ]);
      expect(sim.requests[0]?.receivedAt).toBeLessThanOrEqual(sim.requests[1]?.receivedAt ?? 0);
      sim.clearRequests();
      expect(sim.requests).toHaveLength(0);
    });

    test('errorStatusAsNumber renders errors[].status as a number', async () => {
      const numeric = await startHcpSimulator({ errorStatusAsNumber: true });
      try {
        expect((await getError(numeric, '/workspaces/ws-x')).body).toEqual({
          errors: [{ status: 404, title: 'not found' }],
        });
        expect((await get(numeric, '/workspaces/ws-x', { token: null })).body).toEqual({
          errors: [{ status: 401, title: 'unauthorized' }],
        });
      } finally {
        await numeric.close();
      }
    });

    test('data errors in the test setup throw at once', () => {
      const { workspace, action } = workspaceWithAction();
      const otherWorkspace = sim.addWorkspace({ name: 'other', organization: 'acme' });
      const foreignRun = sim.addRun({ workspaceId: otherWorkspace.id });
      expect(() => sim.addAction({ workspaceId: 'ws-missing', address: 'action.x.y' })).toThrow(
        /unknown workspace/,
      );
      expect(() => sim.addInvocation({ actionId: action.id, runId: 'run-missing' })).toThrow(/unknown run/);
      expect(() => sim.addInvocation({ actionId: action.id, runId: foreignRun.id })).toThrow(
        /different workspaces/,
      );
      expect(() => sim.addWorkspace({ name: 'networking-prod', organization: 'acme' })).toThrow(
        /already exists/,
      );
      expect(() =>
        sim.addInvocation({
          actionId: action.id,
          runId: sim.addRun({ workspaceId: workspace.id }).id,
          invokedAt: 'yesterday',
        }),
      ).toThrow(/ISO-8601/);
    });
  });
});
