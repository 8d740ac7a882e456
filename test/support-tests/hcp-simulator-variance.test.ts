import { type HcpSimulator, startHcpSimulator, UNLISTED } from '../support/hcp-simulator/index.js';
import { getList, getOne, type JsonResource } from './hcp-simulator-client.js';

/** Variance mode as sent on the wire, endpoint by endpoint. */

let sim: HcpSimulator;
let workspaceId: string;
let actionId: string;
let lifecycleActionId: string;
let runId: string;
let runningRunId: string;

beforeAll(async () => {
  sim = await startHcpSimulator();
  const ws = sim.addWorkspace({ name: 'prod', organization: 'acme' });
  workspaceId = ws.id;
  actionId = sim.addAction({ workspaceId, address: 'action.terraform_data.plain' }).id;
  runId = sim.addRun({ workspaceId }).id;
  sim.addInvocation({ actionId, runId, finalStatus: 'not_invoked' });
  lifecycleActionId = sim.addAction({ workspaceId, address: 'action.terraform_data.hook' }).id;
  runningRunId = sim.addRun({ workspaceId, inProgress: true }).id;
  sim.addInvocation({
    actionId: lifecycleActionId,
    runId: runningRunId,
    method: 'lifecycle',
    triggeringResourceAddress: 'aws_instance.web',
  });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.setVariance(false);
});

function expectUnknownExtras(resource: JsonResource): void {
  expect(resource.attributes).toHaveProperty('x-future-attribute');
  expect(resource.relationships).toHaveProperty('future-relation');
}

const LISTS = () => [
  `/workspaces/${workspaceId}/terraform-actions`,
  `/terraform-actions/${actionId}/invocations/run-summary`,
  `/terraform-actions/${actionId}/runs/${runId}/invocations`,
  `/terraform-actions/${lifecycleActionId}/runs/${runningRunId}/invocations/lifecycle-resource-groups`,
];

test('off by default: lists carry only readable, seed-shaped items', async () => {
  for (const path of LISTS()) {
    const { body } = await getList(sim, path);
    for (const item of body.data) {
      expect(typeof item.id).toBe('string');
      expect(item.attributes).not.toHaveProperty('x-future-attribute');
    }
  }
});

test('every list ends with one item without an id; every other item carries unknown extras', async () => {
  sim.setVariance(true);
  for (const path of LISTS()) {
    const { status, body } = await getList(sim, path);
    expect(status).toBe(200);
    const last = body.data.at(-1);
    expect(last).toBeDefined();
    expect(last).not.toHaveProperty('id');
    expect(last?.type).toBe(body.data[0]?.type);
    const readable = body.data.slice(0, -1);
    expect(readable.length).toBeGreaterThan(0);
    for (const item of readable) expectUnknownExtras(item);
  }
});

test('single documents carry unknown extras too', async () => {
  sim.setVariance(true);
  for (const path of [
    `/terraform-actions/${actionId}`,
    `/workspaces/${workspaceId}/terraform-actions/filter-options`,
    `/terraform-actions/${actionId}/invocations/filter-options`,
    `/workspaces/${workspaceId}`,
  ]) {
    const { status, body } = await getOne(sim, path);
    expect(status).toBe(200);
    expectUnknownExtras(body.data);
  }
});

test('nulls and unlisted enum values where the seed shows none', async () => {
  sim.setVariance(true);
  const action = (await getOne(sim, `/terraform-actions/${actionId}`)).body.data.attributes;
  expect(action).toMatchObject({
    'instance-type': null,
    'count-value': null,
    'for-each-values': null,
    'module-address': null,
    provider: null,
    'invocation-count': null,
  });
  const [idle] = (await getList(sim, `/terraform-actions/${actionId}/invocations/run-summary`)).body.data;
  expect(idle?.attributes).toMatchObject({
    'aggregate-invocation-status': 'not_invoked',
    'invoked-at': null,
    'invocation-method': UNLISTED.invocationMethod,
    'invocation-statuses': null,
  });
  const [running] = (await getList(sim, `/terraform-actions/${lifecycleActionId}/invocations/run-summary`))
    .body.data;
  expect(running?.attributes['aggregate-invocation-status']).toBe(UNLISTED.runSummaryStatus);
  const [invocation] = (await getList(sim, `/terraform-actions/${actionId}/runs/${runId}/invocations`)).body
    .data;
  expect(invocation?.attributes['final-status']).toBe(UNLISTED.finalStatus);
  const [group] = (
    await getList(
      sim,
      `/terraform-actions/${lifecycleActionId}/runs/${runningRunId}/invocations/lifecycle-resource-groups`,
    )
  ).body.data;
  expect(group?.attributes['aggregate-invocation-status']).toBe(UNLISTED.resourceGroupStatus);
});

test('filters still match the stored seed values', async () => {
  sim.setVariance(true);
  const { body } = await getList(
    sim,
    `/terraform-actions/${lifecycleActionId}/invocations/run-summary?filter%5Baggregate_invocation_status%5D=run_in_progress`,
  );
  expect(body.data.slice(0, -1).map((item) => item.attributes['aggregate-invocation-status'])).toEqual([
    UNLISTED.runSummaryStatus,
  ]);
});

test('the constructor option turns variance on from the start', async () => {
  const varied = await startHcpSimulator({ variance: true });
  try {
    const ws = varied.addWorkspace({ name: 'x', organization: 'acme' });
    const { body } = await getList(varied, `/workspaces/${ws.id}/terraform-actions`);
    expect(body.data).toEqual([{ type: 'future-things', attributes: expect.any(Object) }]);
  } finally {
    await varied.close();
  }
});
