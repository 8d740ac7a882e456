import { pino } from 'pino';
import type { HcpClient } from '../../src/hcp/client.js';
import type { SkippedItemEvent } from '../../src/hcp/skipped-items.js';
import { hcpSkippedItemObserver } from '../../src/ops/alert-metrics.js';
import { Metrics } from '../../src/ops/metrics.js';
import {
  type HcpSimulator,
  type SimAction,
  type SimRun,
  type SimWorkspace,
  startHcpSimulator,
  UNLISTED,
} from '../support/hcp-simulator/index.js';
import { collect, everyAction, simClient } from './sim-client.js';

/** Every endpoint against a simulator in variance mode: what the seed does not show is read, not refused. */

let sim: HcpSimulator;
let client: HcpClient;
let workspace: SimWorkspace;
let plain: SimAction;
let keyed: SimAction;
let failedRun: SimRun;
let runningRun: SimRun;
let idleRun: SimRun;
const skipped: SkippedItemEvent[] = [];
const logLines: string[] = [];
const metrics = new Metrics({ defaultMetrics: false });

beforeAll(async () => {
  sim = await startHcpSimulator({ variance: true });
  sim.setClock('2026-05-12T15:00:00Z');
  workspace = sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  plain = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.notify' });
  keyed = sim.addAction({
    workspaceId: workspace.id,
    address: 'action.terraform_data.restart',
    moduleAddress: 'module.foo',
    instanceType: 'for_each',
    forEachValues: ['a', 'b'],
  });
  failedRun = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId: plain.id, runId: failedRun.id, finalStatus: 'failed', invokedBy: 'alice' });
  sim.addInvocation({ actionId: plain.id, runId: failedRun.id, finalStatus: 'not_invoked' });
  idleRun = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId: plain.id, runId: idleRun.id, finalStatus: 'not_invoked' });
  runningRun = sim.addRun({ workspaceId: workspace.id, inProgress: true });
  sim.addInvocation({
    actionId: keyed.id,
    runId: runningRun.id,
    method: 'lifecycle',
    finalStatus: 'successful',
    triggeringResourceAddress: 'aws_instance.web',
    triggerEvent: 'AfterCreate',
  });
  const logger = pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) });
  const observe = hcpSkippedItemObserver(metrics);
  client = simClient(sim, {
    logger,
    onItemSkipped: (event) => {
      skipped.push(event);
      observe(event);
    },
  }).client;
});

afterAll(async () => {
  await sim.close();
});

test('list actions: a plain root-module action has null instance type and module; the unreadable item is skipped', async () => {
  const before = skipped.length;
  const page = await client.listActions(workspace.id);
  expect(page.items.map((action) => action.id).sort()).toEqual([plain.id, keyed.id].sort());
  const plainRead = page.items.find((action) => action.id === plain.id);
  expect(plainRead).toMatchObject({
    address: 'action.aws_lambda_invoke.notify',
    moduleAddress: null,
    provider: null,
    instanceType: null,
    countValue: null,
    forEachValues: null,
    createdAt: null,
    updatedAt: null,
    workspaceId: workspace.id,
  });
  expect(page.items.find((action) => action.id === keyed.id)).toMatchObject({
    moduleAddress: 'module.foo',
    instanceType: 'for_each',
    forEachValues: ['a', 'b'],
  });
  expect(skipped.slice(before)).toEqual([
    {
      route: '/workspaces/:workspace_id/terraform-actions',
      request: `GET /workspaces/${workspace.id}/terraform-actions`,
      reason: 'a resource has no "id"',
    },
  ]);
  expect(await everyAction(client, workspace.id)).toHaveLength(2);
});

test('show action and action filter options', async () => {
  await expect(client.getAction(plain.id)).resolves.toMatchObject({
    id: plain.id,
    address: 'action.aws_lambda_invoke.notify',
    invocationCount: null,
    instanceType: null,
    moduleAddress: null,
  });
  await expect(client.getActionFilterOptions(workspace.id)).resolves.toEqual({
    workspaceId: workspace.id,
    providers: ['aws', 'terraform'],
  });
});

test('run summaries: unlisted status and method kept raw, not_invoked without invoked-at, counts null', async () => {
  const page = await client.listRunSummaries(plain.id);
  const byRun = new Map(page.items.map((summary) => [summary.runId, summary]));
  expect(byRun.size).toBe(2);
  expect(byRun.get(failedRun.id)).toMatchObject({
    actionId: plain.id,
    aggregateInvocationStatus: 'not_successful',
    invocationMethod: UNLISTED.invocationMethod,
    invokedBy: null,
    successful: null,
    failed: null,
    plannedInvocationCount: null,
  });
  expect(byRun.get(failedRun.id)?.invokedAt).toMatch(/^2026-05-12T/);
  expect(byRun.get(idleRun.id)).toMatchObject({ aggregateInvocationStatus: 'not_invoked', invokedAt: null });

  const running = await collect(client.iterateRunSummaries(keyed.id));
  expect(running).toEqual([
    expect.objectContaining({
      runId: runningRun.id,
      aggregateInvocationStatus: UNLISTED.runSummaryStatus,
      invocationMethod: 'lifecycle',
    }),
  ]);
});

test('invocation filter options', async () => {
  await expect(client.getInvocationFilterOptions(plain.id)).resolves.toEqual({
    actionId: plain.id,
    invokedBy: ['alice', 'system:not_a_user'],
  });
});

test('invocations of a run: unlisted final status and method, null timestamps', async () => {
  const page = await client.listInvocations(plain.id, failedRun.id);
  expect(page.items.map((invocation) => invocation.finalStatus).sort()).toEqual(
    ['failed', UNLISTED.finalStatus].sort(),
  );
  for (const invocation of page.items) {
    expect(invocation).toMatchObject({
      invocationMethod: UNLISTED.invocationMethod,
      invokedAt: null,
      createdAt: null,
      updatedAt: null,
      actionId: plain.id,
      runId: failedRun.id,
    });
  }
  expect(page.counts).toEqual({ invocations: 2 });
});

test('resource groups of a run still in progress: an unlisted status, the address from the id', async () => {
  const page = await client.listResourceGroups(keyed.id, runningRun.id);
  expect(page.items).toEqual([
    {
      id: 'aws_instance.web',
      triggeringResourceAddress: 'aws_instance.web',
      aggregateInvocationStatus: UNLISTED.resourceGroupStatus,
      invocations: [
        expect.objectContaining({ finalStatus: 'successful', actionTriggerEvent: null, actionKey: null }),
      ],
    },
  ]);
});

test('workspaces and the token check ignore unknown attributes and relationships', async () => {
  await expect(client.getWorkspace(workspace.id)).resolves.toEqual({
    id: workspace.id,
    name: 'networking-prod',
    organization: 'acme',
  });
  await expect(client.getWorkspaceByName('acme', 'networking-prod')).resolves.toMatchObject({
    id: workspace.id,
  });
});

test('every skip is counted by endpoint; each request and reason is logged once at warn', async () => {
  const route = '/terraform-actions/:action_id/invocations/run-summary';
  const countFor = async (endpoint: string) =>
    (await metrics.hcpItemsSkipped.get()).values.find((value) => value.labels.endpoint === endpoint)?.value ??
    0;
  const countBefore = await countFor(route);
  const warningsBefore = logLines.length;
  await client.listRunSummaries(plain.id);
  await client.listRunSummaries(plain.id);
  expect(await countFor(route)).toBe(countBefore + 2);
  // The first read of this request (an earlier test) already logged it.
  expect(logLines.length).toBe(warningsBefore);

  const warnings = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const runSummaryWarnings = warnings.filter(
    (line) => line.request === `GET /terraform-actions/${plain.id}/invocations/run-summary`,
  );
  expect(runSummaryWarnings).toEqual([
    expect.objectContaining({
      level: 40,
      reason: 'a resource has no "id"',
      msg: 'skipped an unreadable item of an HCP Terraform page; the rest of the page is used',
    }),
  ]);
  const exposition = await metrics.registry.metrics();
  expect(exposition).toContain(`tfactions_hcp_items_skipped_total{endpoint="${route}"}`);
});

test('variance off again: the same client reads seed-shaped answers and skips nothing', async () => {
  sim.setVariance(false);
  const before = skipped.length;
  const page = await client.listRunSummaries(plain.id);
  expect(page.items.find((summary) => summary.runId === failedRun.id)).toMatchObject({
    invocationMethod: 'direct',
    successful: 0,
    failed: 1,
    plannedInvocationCount: 2,
  });
  expect(skipped.length).toBe(before);
  sim.setVariance(true);
});
