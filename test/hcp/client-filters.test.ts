import type { HcpClient } from '../../src/hcp/client.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { simClient } from './sim-client.js';

const T = (minute: number): string => `2026-05-12T10:${String(minute).padStart(2, '0')}:00Z`;

let sim: HcpSimulator;
let client: HcpClient;
let workspaceId: string;
const actions: Record<'alpha' | 'beta' | 'gamma', string> = { alpha: '', beta: '', gamma: '' };
const runs: Record<'r1' | 'r2' | 'r3' | 'r4', string> = { r1: '', r2: '', r3: '', r4: '' };

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 't0ken-abc' });
  sim.setClock('2026-05-12T11:00:00Z');
  client = simClient(sim).client;
  workspaceId = sim.addWorkspace({ name: 'networking', organization: 'acme' }).id;
  actions.alpha = sim.addAction({
    workspaceId,
    address: 'action.aws_lambda_invoke.alpha',
    provider: 'aws',
  }).id;
  actions.beta = sim.addAction({
    workspaceId,
    address: 'action.terraform_data.beta',
    provider: 'terraform',
    moduleAddress: 'module.foo',
  }).id;
  actions.gamma = sim.addAction({
    workspaceId,
    address: 'action.terraform_data.gamma',
    provider: 'terraform',
  }).id;

  runs.r1 = sim.addRun({ workspaceId, source: 'tfe-ui' }).id;
  runs.r2 = sim.addRun({ workspaceId, source: 'tfe-api' }).id;
  runs.r3 = sim.addRun({ workspaceId, source: 'terraform+cloud' }).id;
  runs.r4 = sim.addRun({ workspaceId, source: 'tfe-run-trigger', inProgress: true }).id;

  // alpha: one run per aggregate status.
  sim.addInvocation({ actionId: actions.alpha, runId: runs.r1, invokedBy: 'alice', invokedAt: T(0) });
  sim.addInvocation({
    actionId: actions.alpha,
    runId: runs.r2,
    invokedBy: 'bob',
    finalStatus: 'failed',
    invokedAt: T(5),
  });
  sim.addInvocation({
    actionId: actions.alpha,
    runId: runs.r3,
    invokedBy: null,
    method: 'lifecycle',
    finalStatus: 'not_invoked',
    triggeringResourceAddress: 'aws_instance.web',
    invokedAt: T(10),
  });
  sim.addInvocation({ actionId: actions.alpha, runId: runs.r4, invokedBy: 'alice', invokedAt: T(15) });
  // beta: last invoked later than alpha.
  sim.addInvocation({ actionId: actions.beta, runId: runs.r1, invokedBy: 'alice', invokedAt: T(20) });
  // beta in r2: invocations and lifecycle resource groups of one run.
  const lifecycle = { actionId: actions.beta, runId: runs.r2, method: 'lifecycle' as const, invokedAt: T(6) };
  sim.addInvocation({
    ...lifecycle,
    finalStatus: 'successful',
    triggeringResourceAddress: 'aws_instance.api',
    triggerEvent: 'AfterCreate',
    listIndex: 0,
    actionKey: 'k0',
  });
  sim.addInvocation({
    ...lifecycle,
    finalStatus: 'failed',
    triggeringResourceAddress: 'aws_instance.web',
    triggerEvent: 'AfterUpdate',
    listIndex: 1,
    actionKey: 'k1',
  });
  sim.addInvocation({
    ...lifecycle,
    finalStatus: 'not_invoked',
    triggeringResourceAddress: 'aws_instance.db',
    triggerEvent: 'BeforeDestroy',
    listIndex: 2,
    actionKey: 'k2',
  });
});

afterAll(async () => {
  await sim.close();
});

function lastQuery(): Record<string, string> {
  return sim.requests.at(-1)?.query ?? {};
}

function lastSearch(): string {
  return sim.requests.at(-1)?.search ?? '';
}

describe('list actions filters', () => {
  const addresses = async (options: Parameters<HcpClient['listActions']>[1]) =>
    (await client.listActions(workspaceId, options)).items.map((action) => action.address.split('.').at(-1));

  test('provider', async () => {
    expect(await addresses({ provider: 'terraform' })).toEqual(['beta', 'gamma']);
    expect(lastSearch()).toBe('?filter%5Bprovider%5D=terraform');
  });

  test('module address', async () => {
    expect(await addresses({ moduleAddress: 'module.foo' })).toEqual(['beta']);
    expect(await addresses({ moduleAddress: 'system:root_module' })).toEqual(['alpha', 'gamma']);
    expect(lastQuery()).toEqual({ 'filter[module_address]': 'system:root_module' });
  });

  test.each([
    ['gte', T(20), ['beta']],
    ['gt', T(20), []],
    ['lte', T(15), ['alpha']],
    ['lt', T(20), ['alpha']],
    ['gte', T(15), ['alpha', 'beta']],
  ] as const)('last invocation invoked at %s %s', async (bound, time, expected) => {
    expect(await addresses({ lastInvokedAt: { [bound]: time } })).toEqual(expected);
    expect(lastQuery()).toEqual({ [`filter[last_invocation][invoked_at][${bound}]`]: time });
  });

  test('filters combine', async () => {
    expect(
      await addresses({ provider: 'terraform', lastInvokedAt: { gt: T(0), lte: T(30) }, pageSize: 10 }),
    ).toEqual(['beta']);
    expect(lastQuery()).toEqual({
      'filter[provider]': 'terraform',
      'filter[last_invocation][invoked_at][gt]': T(0),
      'filter[last_invocation][invoked_at][lte]': T(30),
      'page[size]': '10',
    });
  });
});

describe('run summary filters', () => {
  const runIds = async (options: Parameters<HcpClient['listRunSummaries']>[1]) =>
    (await client.listRunSummaries(actions.alpha, options)).items.map((summary) => summary.runId);

  test('no filter: newest first, every aggregate status', async () => {
    const page = await client.listRunSummaries(actions.alpha);
    expect(page.items.map((s) => [s.runId, s.aggregateInvocationStatus])).toEqual([
      [runs.r4, 'run_in_progress'],
      [runs.r3, 'not_invoked'],
      [runs.r2, 'not_successful'],
      [runs.r1, 'successful'],
    ]);
    expect(page.items[1]?.invokedBy).toBeNull();
    expect(page.items[2]).toMatchObject({ successful: 0, failed: 1, actionId: actions.alpha });
    expect(lastSearch()).toBe('');
  });

  test('run ID', async () => {
    expect(await runIds({ runId: runs.r2 })).toEqual([runs.r2]);
    expect(lastQuery()).toEqual({ 'filter[run][id]': runs.r2 });
  });

  test('invocation method', async () => {
    expect(await runIds({ invocationMethods: ['lifecycle'] })).toEqual([runs.r3]);
    expect(await runIds({ invocationMethods: ['direct', 'lifecycle'] })).toHaveLength(4);
    expect(lastSearch()).toBe('?filter%5Binvocation_method%5D=direct%2Clifecycle');
  });

  test('aggregate status (several)', async () => {
    expect(await runIds({ statuses: ['not_successful', 'run_in_progress'] })).toEqual([runs.r4, runs.r2]);
    expect(lastQuery()).toEqual({ 'filter[aggregate_invocation_status]': 'not_successful,run_in_progress' });
  });

  test('invoked by, including system:not_a_user', async () => {
    expect(await runIds({ invokedBy: ['alice', 'system:not_a_user'] })).toEqual([runs.r4, runs.r3, runs.r1]);
    expect(lastQuery()).toEqual({ 'filter[invoked_by]': 'alice,system:not_a_user' });
  });

  test('run source', async () => {
    expect(await runIds({ sources: ['tfe-ui', 'terraform+cloud'] })).toEqual([runs.r3, runs.r1]);
    expect(lastQuery()).toEqual({ 'filter[source]': 'tfe-ui,terraform+cloud' });
  });

  test.each([
    ['gte', 5, ['r4', 'r3', 'r2']],
    ['gt', 5, ['r4', 'r3']],
    ['lte', 5, ['r2', 'r1']],
    ['lt', 5, ['r1']],
  ] as const)('invoked at %s 10:0%s', async (bound, minute, expected) => {
    expect(await runIds({ invokedAt: { [bound]: T(minute) } })).toEqual(expected.map((name) => runs[name]));
    expect(lastQuery()).toEqual({ [`filter[invoked_at][${bound}]`]: T(minute) });
  });

  test('every filter at once', async () => {
    expect(
      await runIds({
        runId: runs.r2,
        invocationMethods: ['direct'],
        statuses: ['not_successful'],
        invokedBy: ['bob'],
        sources: ['tfe-api'],
        invokedAt: { gte: T(5), lt: T(6) },
        pageNumber: 1,
        pageSize: 5,
      }),
    ).toEqual([runs.r2]);
    expect(Object.keys(lastQuery())).toHaveLength(9);
  });
});

describe('filter options', () => {
  test('providers of a workspace', async () => {
    const options = await client.getActionFilterOptions(workspaceId);
    expect([...options.providers].sort()).toEqual(['aws', 'terraform']);
  });

  test('invokers of an action', async () => {
    const options = await client.getInvocationFilterOptions(actions.alpha);
    expect([...options.invokedBy].sort()).toEqual(['alice', 'bob', 'system:not_a_user']);
  });
});

describe('invocations of a run', () => {
  test('in execution order, every attribute', async () => {
    const page = await client.listInvocations(actions.beta, runs.r2);
    expect(page.items.map((i) => [i.actionKey, i.finalStatus, i.actionsListIndex])).toEqual([
      ['k0', 'successful', 0],
      ['k1', 'failed', 1],
      ['k2', 'not_invoked', 2],
    ]);
    expect(page.items[1]).toMatchObject({
      invocationMethod: 'lifecycle',
      actionTriggerEvent: 'AfterUpdate',
      triggeringResourceAddress: 'aws_instance.web',
      invokedAt: T(6),
      actionId: actions.beta,
      runId: runs.r2,
    });
  });

  test('status filter (several)', async () => {
    const page = await client.listInvocations(actions.beta, runs.r2, { statuses: ['failed', 'not_invoked'] });
    expect(page.items.map((i) => i.actionKey)).toEqual(['k1', 'k2']);
    expect(lastQuery()).toEqual({ 'filter[status]': 'failed,not_invoked' });
  });

  test('q', async () => {
    const page = await client.listInvocations(actions.beta, runs.r2, { q: 'BeforeDestroy' });
    expect(page.items.map((i) => i.actionKey)).toEqual(['k2']);
    expect(lastQuery()).toEqual({ q: 'BeforeDestroy' });
  });
});

describe('lifecycle resource groups', () => {
  test('grouped by triggering resource address', async () => {
    const page = await client.listResourceGroups(actions.beta, runs.r2);
    expect(page.items.map((g) => [g.id, g.aggregateInvocationStatus, g.invocations.length])).toEqual([
      ['aws_instance.api', 'successful', 1],
      ['aws_instance.db', 'not_invoked', 1],
      ['aws_instance.web', 'not_successful', 1],
    ]);
    expect(page.items[2]?.invocations[0]).toMatchObject({
      finalStatus: 'failed',
      actionKey: 'k1',
      actionTriggerEvent: 'AfterUpdate',
    });
    expect(page.counts).toEqual({ invocations: 3, 'resource-groups': 3 });
  });

  test('aggregate status filter and q', async () => {
    let page = await client.listResourceGroups(actions.beta, runs.r2, {
      statuses: ['not_successful', 'not_invoked'],
    });
    expect(page.items.map((g) => g.id)).toEqual(['aws_instance.db', 'aws_instance.web']);
    expect(lastQuery()).toEqual({ 'filter[aggregate_status]': 'not_successful,not_invoked' });
    page = await client.listResourceGroups(actions.beta, runs.r2, { q: 'aws_instance.api' });
    expect(page.items.map((g) => g.id)).toEqual(['aws_instance.api']);
    expect(lastQuery()).toEqual({ q: 'aws_instance.api' });
  });
});
