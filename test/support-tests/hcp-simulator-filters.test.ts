import { type HcpSimulator, type SimAction, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { getError, getList, groupInvocationIds, ids, query } from './hcp-simulator-client.js';

describe('HCP simulator filters', () => {
  let sim: HcpSimulator;
  let workspaceId: string;

  beforeEach(async () => {
    sim = await startHcpSimulator();
    sim.setClock('2026-05-12T16:00:00Z');
    sim.freezeClock();
    workspaceId = sim.addWorkspace({ name: 'w', organization: 'o' }).id;
  });

  afterEach(async () => {
    await sim.close();
  });

  describe('list actions', () => {
    let early: SimAction;
    let late: SimAction;
    let idle: SimAction;

    beforeEach(() => {
      early = sim.addAction({ id: 'action-early', workspaceId, address: 'action.aws_a.early' });
      late = sim.addAction({
        id: 'action-late',
        workspaceId,
        address: 'action.terraform_data.late',
        moduleAddress: 'module.foo.module.bar',
      });
      idle = sim.addAction({ id: 'action-idle', workspaceId, address: 'action.terraform_data.idle' });
      const run = sim.addRun({ workspaceId });
      sim.addInvocation({ actionId: early.id, runId: run.id, invokedAt: '2026-05-12T15:39:59Z' });
      // An older invocation of `late` does not count: only its last one does.
      sim.addInvocation({ actionId: late.id, runId: run.id, invokedAt: '2026-05-12T15:00:00Z' });
      sim.addInvocation({ actionId: late.id, runId: run.id, invokedAt: '2026-05-12T15:40:00Z' });
    });

    const list = async (params: Record<string, string>) =>
      ids((await getList(sim, `/workspaces/${workspaceId}/terraform-actions${query(params)}`)).body);

    test('provider and module address', async () => {
      expect(await list({ 'filter[provider]': 'terraform' })).toEqual([idle.id, late.id]);
      expect(await list({ 'filter[provider]': 'aws' })).toEqual([early.id]);
      expect(await list({ 'filter[module_address]': 'system:root_module' })).toEqual([early.id, idle.id]);
      expect(await list({ 'filter[module_address]': 'module.foo.module.bar' })).toEqual([late.id]);
      expect(
        await list({ 'filter[provider]': 'terraform', 'filter[module_address]': 'system:root_module' }),
      ).toEqual([idle.id]);
    });

    test.each([
      ['gte', '2026-05-12T15:40:00Z', ['action-late']],
      ['gt', '2026-05-12T15:39:59Z', ['action-late']],
      ['gt', '2026-05-12T15:40:00Z', []],
      ['lte', '2026-05-12T15:39:59Z', ['action-early']],
      ['lt', '2026-05-12T15:40:00Z', ['action-early']],
      ['lt', '2026-05-12T15:39:59Z', []],
      ['gte', '2026-05-12T15:39:59Z', ['action-early', 'action-late']],
    ])(
      'last invocation %s %s (second boundaries; never-invoked actions never match)',
      async (op, at, expected) => {
        expect(await list({ [`filter[last_invocation][invoked_at][${op}]`]: at })).toEqual(expected);
      },
    );

    test.each([
      ['an offset', '2026-05-12T17:40:00+02:00', ['action-late']],
      ['a negative offset without colon', '2026-05-12T10:40:00-0500', ['action-late']],
      ['fractional seconds', '2026-05-12T15:39:59.500Z', ['action-late']],
      ['a lowercase z', '2026-05-12t15:40:00z', ['action-late']],
    ])('timestamps with %s compare as instants', async (_label, at, expected) => {
      expect(await list({ 'filter[last_invocation][invoked_at][gte]': at })).toEqual(expected);
    });

    test('bounds combine', async () => {
      expect(
        await list({
          'filter[last_invocation][invoked_at][gte]': '2026-05-12T15:39:59Z',
          'filter[last_invocation][invoked_at][lt]': '2026-05-12T15:40:00Z',
        }),
      ).toEqual([early.id]);
    });
  });

  describe('run summaries', () => {
    let actionId: string;

    beforeEach(() => {
      actionId = sim.addAction({ workspaceId, address: 'action.terraform_data.x' }).id;
      const runs = [
        { id: 'run-ok', source: 'tfe-api', status: 'successful', by: 'alice', at: '2026-05-12T15:40:02Z' },
        { id: 'run-bad', source: 'tfe-ui', status: 'failed', by: 'bob', at: '2026-05-12T15:40:01Z' },
        {
          id: 'run-skip',
          source: 'terraform+cloud',
          status: 'not_invoked',
          by: null,
          at: '2026-05-12T15:40:00Z',
        },
      ] as const;
      for (const run of runs) {
        sim.addRun({ id: run.id, workspaceId, source: run.source });
        sim.addInvocation({
          actionId,
          runId: run.id,
          finalStatus: run.status,
          invokedBy: run.by,
          method: run.id === 'run-skip' ? 'lifecycle' : 'direct',
          invokedAt: run.at,
        });
      }
      sim.addRun({ id: 'run-live', workspaceId, source: 'tfe-run-trigger', inProgress: true });
      sim.addInvocation({
        actionId,
        runId: 'run-live',
        invokedBy: 'alice',
        invokedAt: '2026-05-12T15:39:00Z',
      });
    });

    const summaries = async (params: Record<string, string>) =>
      ids(
        (await getList(sim, `/terraform-actions/${actionId}/invocations/run-summary${query(params)}`)).body,
      ).map((id) => id.split(':')[1]);

    test('no filter: newest invoked-at first', async () => {
      expect(await summaries({})).toEqual(['run-ok', 'run-bad', 'run-skip', 'run-live']);
    });

    test.each([
      [{ 'filter[run][id]': 'run-bad' }, ['run-bad']],
      [{ 'filter[run][id]': 'run-none' }, []],
      [{ 'filter[invocation_method]': 'lifecycle' }, ['run-skip']],
      [{ 'filter[invocation_method]': 'direct,lifecycle' }, ['run-ok', 'run-bad', 'run-skip', 'run-live']],
      [{ 'filter[aggregate_invocation_status]': 'not_successful,run_in_progress' }, ['run-bad', 'run-live']],
      [{ 'filter[aggregate_invocation_status]': 'not_invoked' }, ['run-skip']],
      [{ 'filter[aggregate_invocation_status]': 'successful' }, ['run-ok']],
      [{ 'filter[invoked_by]': 'alice' }, ['run-ok', 'run-live']],
      [{ 'filter[invoked_by]': 'bob,system:not_a_user' }, ['run-bad', 'run-skip']],
      [{ 'filter[source]': 'tfe-ui,terraform+cloud' }, ['run-bad', 'run-skip']],
      [{ 'filter[source]': 'tfe-run-trigger' }, ['run-live']],
      [{ 'filter[invoked_at][gte]': '2026-05-12T15:40:01Z' }, ['run-ok', 'run-bad']],
      [{ 'filter[invoked_at][gt]': '2026-05-12T15:40:01Z' }, ['run-ok']],
      [{ 'filter[invoked_at][lte]': '2026-05-12T15:40:00Z' }, ['run-skip', 'run-live']],
      [{ 'filter[invoked_at][lt]': '2026-05-12T15:40:00Z' }, ['run-live']],
      [{ 'filter[invoked_by]': 'alice', 'filter[aggregate_invocation_status]': 'successful' }, ['run-ok']],
    ])('%j', async (params, expected) => {
      expect(await summaries(params)).toEqual(expected);
    });

    test('blank filter values are ignored', async () => {
      expect(await summaries({ 'filter[source]': '', 'filter[invoked_by]': ' ' })).toHaveLength(4);
    });
  });

  describe('invocations of a run', () => {
    let base: string;

    beforeEach(() => {
      const actionId = sim.addAction({ workspaceId, address: 'action.terraform_data.x' }).id;
      const runId = sim.addRun({ workspaceId }).id;
      base = `/terraform-actions/${actionId}/runs/${runId}/invocations`;
      const add = (
        id: string,
        finalStatus: 'successful' | 'failed' | 'not_invoked',
        address: string,
        event: string,
        key: string | null,
        blockIndex: number,
      ) =>
        sim.addInvocation({
          id,
          actionId,
          runId,
          finalStatus,
          method: 'lifecycle',
          triggeringResourceAddress: address,
          triggerEvent: event,
          actionKey: key,
          blockIndex,
        });
      add('ai-1', 'successful', 'aws_instance.Web', 'AfterCreate', '"eu-West"', 0);
      add('ai-2', 'failed', 'aws_instance.web', 'AfterUpdate', null, 1);
      add('ai-3', 'not_invoked', 'aws_db_instance.main', 'BeforeDestroy', null, 2);
      add('ai-4', 'successful', 'aws_db_instance.main', 'AfterCreate', '1', 3);
    });

    const invocations = async (params: Record<string, string>) =>
      ids((await getList(sim, `${base}${query(params)}`)).body);
    const groups = async (params: Record<string, string>) =>
      (await getList(sim, `${base}/lifecycle-resource-groups${query(params)}`)).body.data.map((group) => [
        group.id,
        groupInvocationIds(group),
      ]);

    test.each([
      [{ 'filter[status]': 'failed' }, ['ai-2']],
      [{ 'filter[status]': 'successful,not_invoked' }, ['ai-1', 'ai-3', 'ai-4']],
      [{ q: 'WEB' }, ['ai-1', 'ai-2']],
      [{ q: 'eu-west' }, ['ai-1']],
      [{ q: 'fail' }, ['ai-2']],
      [{ q: 'beforedestroy' }, ['ai-3']],
      [{ q: 'db_instance', 'filter[status]': 'successful' }, ['ai-4']],
      [{ q: 'nothing-matches' }, []],
    ])('invocations %j', async (params, expected) => {
      expect(await invocations(params)).toEqual(expected);
    });

    test('meta.counts counts the matching invocations', async () => {
      const response = await getList(sim, `${base}${query({ 'filter[status]': 'successful' })}`);
      expect(response.body.meta?.counts).toEqual({ invocations: { total: 2 } });
    });

    test.each([
      [
        {},
        [
          ['aws_db_instance.main', ['ai-3', 'ai-4']],
          ['aws_instance.Web', ['ai-1']],
          ['aws_instance.web', ['ai-2']],
        ],
      ],
      [{ 'filter[aggregate_status]': 'not_successful' }, [['aws_instance.web', ['ai-2']]]],
      [
        { 'filter[aggregate_status]': 'successful,not_invoked' },
        [
          ['aws_db_instance.main', ['ai-3', 'ai-4']],
          ['aws_instance.Web', ['ai-1']],
        ],
      ],
      [{ q: 'NOT_SUCC' }, [['aws_instance.web', ['ai-2']]]],
      [{ q: 'beforedestroy' }, [['aws_db_instance.main', ['ai-3', 'ai-4']]]],
      [{ q: 'eu-west' }, [['aws_instance.Web', ['ai-1']]]],
    ])('resource groups %j', async (params, expected) => {
      expect(await groups(params)).toEqual(expected);
    });
  });

  describe('invalid parameters are 400s naming the parameter', () => {
    let actionId: string;
    let runId: string;

    beforeEach(() => {
      actionId = sim.addAction({ workspaceId, address: 'action.terraform_data.x' }).id;
      runId = sim.addRun({ workspaceId }).id;
      sim.addInvocation({ actionId, runId });
    });

    test.each([
      [
        'actions',
        { 'filter[last_invocation][invoked_at][gte]': 'yesterday' },
        'filter[last_invocation][invoked_at][gte]',
      ],
      [
        'actions',
        { 'filter[last_invocation][invoked_at][lt]': '2026-02-30T00:00:00Z' },
        'filter[last_invocation][invoked_at][lt]',
      ],
      ['actions', { 'filter[invoked_at][gte]': '2026-05-12T15:40:00Z' }, 'filter[invoked_at][gte]'],
      ['actions', { 'filter[status]': 'failed' }, 'filter[status]'],
      ['actions', { 'page[size]': '101' }, 'page[size]'],
      ['actions', { 'page[size]': 'ten' }, 'page[size]'],
      ['actions', { 'page[size]': '0' }, 'page[size]'],
      ['actions', { 'page[number]': '0' }, 'page[number]'],
      ['actions', { 'page[number]': '-1' }, 'page[number]'],
      ['actions', { 'page[number]': '1.5' }, 'page[number]'],
      [
        'summaries',
        { 'filter[aggregate_invocation_status]': 'successful,failed' },
        'filter[aggregate_invocation_status]',
      ],
      ['summaries', { 'filter[invocation_method]': 'manual' }, 'filter[invocation_method]'],
      ['summaries', { 'filter[source]': 'tfe-cli' }, 'filter[source]'],
      ['summaries', { 'filter[invoked_at][lte]': '12/05/2026' }, 'filter[invoked_at][lte]'],
      ['summaries', { 'filter[invoked_at][gte]': '2026-05-12T17:40:00 02:00' }, 'filter[invoked_at][gte]'],
      ['summaries', { 'filter[invoked_at]': '2026-05-12T15:40:00Z' }, 'filter[invoked_at]'],
      ['summaries', { 'filter[workspace]': 'x' }, 'filter[workspace]'],
      ['invocations', { 'filter[status]': 'run_in_progress' }, 'filter[status]'],
      ['invocations', { 'filter[aggregate_status]': 'successful' }, 'filter[aggregate_status]'],
      ['groups', { 'filter[aggregate_status]': 'failed' }, 'filter[aggregate_status]'],
      ['groups', { 'filter[status]': 'failed' }, 'filter[status]'],
      ['filter options', { 'filter[provider]': 'aws' }, 'filter[provider]'],
    ])('%s %j', async (endpoint, params, parameter) => {
      const paths: Record<string, string> = {
        actions: `/workspaces/${workspaceId}/terraform-actions`,
        summaries: `/terraform-actions/${actionId}/invocations/run-summary`,
        invocations: `/terraform-actions/${actionId}/runs/${runId}/invocations`,
        groups: `/terraform-actions/${actionId}/runs/${runId}/invocations/lifecycle-resource-groups`,
        'filter options': `/workspaces/${workspaceId}/terraform-actions/filter-options`,
      };
      const response = await getError(sim, `${paths[endpoint]}${query(params)}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ status: '400', source: { parameter }, detail: expect.any(String) }),
      ]);
    });

    test('page[size]=100 and page[number] past the end are fine', async () => {
      const response = await getList(
        sim,
        `/workspaces/${workspaceId}/terraform-actions${query({ 'page[size]': 100, 'page[number]': 7 })}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual([]);
    });
  });
});
