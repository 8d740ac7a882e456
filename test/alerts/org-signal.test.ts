import {
  type OrganizationSignal,
  readOrganizationSignal,
  type SignalInput,
} from '../../src/alerts/org-signal.js';
import type { HcpClient } from '../../src/hcp/client.js';
import { simClient } from '../hcp/sim-client.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';

let sim: HcpSimulator;
let client: HcpClient;
const workspaceIds: string[] = [];

/** One organization, 300 idle workspaces with old runs; each test works on its own organization state. */
beforeEach(async () => {
  sim = await startHcpSimulator();
  sim.setClock('2026-05-12T10:00:00Z');
  sim.freezeClock();
  client = simClient(sim).client;
  workspaceIds.length = 0;
  for (const workspace of sim.organizations.generateWorkspaces('acme', 300, (index) => ({
    name: `ws-${index}`,
  })))
    workspaceIds.push(workspace.id);
  for (const [index, workspaceId] of workspaceIds.entries())
    sim.organizations.addRun({
      workspaceId,
      createdAt: `2026-05-11T${String(index % 24).padStart(2, '0')}:00:00Z`,
    });
});

afterEach(async () => {
  await sim.close();
});

/** Runs cycles, carrying the watermark and the non-final runs over as a caller would. */
class SignalReader {
  private state: Pick<SignalInput, 'watermark' | 'nonFinalRuns'> = { watermark: null, nonFinalRuns: {} };

  constructor(private readonly extra: Partial<SignalInput> = {}) {}

  async cycle(): Promise<OrganizationSignal & { sent: number }> {
    const before = sim.requests.length;
    const signal = await readOrganizationSignal(client, {
      organization: 'acme',
      ...this.state,
      ...this.extra,
    });
    this.state = { watermark: signal.watermark, nonFinalRuns: signal.nonFinalRuns };
    return { ...signal, sent: sim.requests.length - before };
  }
}

function ws(index: number): string {
  const id = workspaceIds[index];
  if (id === undefined) throw new Error(`no workspace ${index}`);
  return id;
}

it('names no workspace for history on the first cycle, then costs at most 2 requests per idle cycle', async () => {
  const reader = new SignalReader();
  const first = await reader.cycle();
  expect(first.workspaceIds).toEqual(new Set());
  expect(first.watermark?.createdAt).toBe('2026-05-11T23:00:00Z');
  for (let cycle = 0; cycle < 3; cycle++) {
    const idle = await reader.cycle();
    expect(idle.workspaceIds).toEqual(new Set());
    expect(idle.sent).toBeLessThanOrEqual(2);
    expect(idle.requests).toBe(idle.sent);
    expect(idle.endpointMissing).toBe(false);
  }
});

it('names the workspace of a new run, whatever its outcome, once', async () => {
  const reader = new SignalReader();
  await reader.cycle();
  sim.advanceClock(60);
  // An applied run may still hold a failed lifecycle invocation: the run is the signal, not its result.
  sim.organizations.addRun({ workspaceId: ws(17), status: 'applied' });
  const busy = await reader.cycle();
  expect(busy.workspaceIds).toEqual(new Set([ws(17)]));
  expect(busy.sent).toBeLessThanOrEqual(2);
  expect((await reader.cycle()).workspaceIds).toEqual(new Set());
});

it('names the workspace of a succeeded run holding a failed lifecycle invocation; its run summary agrees', async () => {
  const reader = new SignalReader();
  await reader.cycle();
  sim.advanceClock(60);
  const action = sim.addAction({ workspaceId: ws(9), address: 'action.aws_lambda_invoke.notify' });
  const run = sim.organizations.addRun({ workspaceId: ws(9), status: 'applied' });
  sim.addInvocation({
    actionId: action.id,
    runId: run.id,
    method: 'lifecycle',
    finalStatus: 'failed',
    triggeringResourceAddress: 'aws_instance.web',
  });
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(9)]));
  const summaries = await client.listRunSummaries(action.id);
  expect(summaries.items.map((summary) => [summary.runId, summary.aggregateInvocationStatus])).toEqual([
    [run.id, 'not_successful'],
  ]);
});

it('names a run created in the same second as the watermark, but not the ones already seen', async () => {
  const reader = new SignalReader();
  sim.organizations.addRun({ workspaceId: ws(1) });
  await reader.cycle();
  sim.organizations.addRun({ workspaceId: ws(2) });
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(2)]));
  expect((await reader.cycle()).workspaceIds).toEqual(new Set());
});

it('names a workspace while its run is in progress and once more when the run ends', async () => {
  const reader = new SignalReader();
  await reader.cycle();
  sim.advanceClock(60);
  const run = sim.organizations.addRun({ workspaceId: ws(40), status: 'planning' });
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(40)]));
  sim.advanceClock(60);
  sim.organizations.setRunStatus(run.id, 'applying');
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(40)]));
  sim.advanceClock(60);
  sim.organizations.setRunStatus(run.id, 'errored');
  const ended = await reader.cycle();
  expect(ended.workspaceIds).toEqual(new Set([ws(40)]));
  expect(ended.nonFinalRuns).toEqual({});
  expect((await reader.cycle()).workspaceIds).toEqual(new Set());
});

it('names the workspace of a run already in progress at the first cycle until it ends', async () => {
  const run = sim.organizations.addRun({
    workspaceId: ws(5),
    status: 'applying',
    createdAt: '2026-05-10T00:00:00Z',
  });
  const reader = new SignalReader();
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(5)]));
  sim.organizations.setRunStatus(run.id, 'applied');
  expect((await reader.cycle()).workspaceIds).toEqual(new Set([ws(5)]));
  expect((await reader.cycle()).workspaceIds).toEqual(new Set());
});

it('reads every page of new runs back to the watermark', async () => {
  const reader = new SignalReader();
  await reader.cycle();
  sim.advanceClock(60);
  for (let index = 0; index < 150; index++) sim.organizations.addRun({ workspaceId: ws(index) });
  const busy = await reader.cycle();
  expect(busy.workspaceIds.size).toBe(150);
  expect(busy.overflow).toBe(false);
  expect(busy.sent).toBe(3);
});

it('reports overflow when new runs exceed the pages it may read', async () => {
  const reader = new SignalReader({ maxNewPages: 1 });
  await reader.cycle();
  sim.advanceClock(60);
  for (let index = 0; index < 101; index++) sim.organizations.addRun({ workspaceId: ws(index) });
  const busy = await reader.cycle();
  expect(busy.overflow).toBe(true);
  expect((await reader.cycle()).workspaceIds).toEqual(new Set());
});

it('reports overflow when runs in progress exceed the pages it may read', async () => {
  const reader = new SignalReader({ maxNonFinalPages: 1 });
  for (let index = 0; index < 101; index++)
    sim.organizations.addRun({ workspaceId: ws(index), status: 'planning' });
  const busy = await reader.cycle();
  expect(busy.overflow).toBe(true);
  expect(Object.keys(busy.nonFinalRuns)).toHaveLength(100);
});

it('flags a missing organization runs endpoint (older Terraform Enterprise) and keeps its watermark', async () => {
  const reader = new SignalReader();
  const first = await reader.cycle();
  sim.organizations.runsEndpointMissing = true;
  const missing = await reader.cycle();
  expect(missing.endpointMissing).toBe(true);
  expect(missing.workspaceIds).toEqual(new Set());
  expect(missing.watermark).toEqual(first.watermark);
  expect(missing.sent).toBe(1);
  await expect(client.listOrganizationRuns('acme')).rejects.toThrow(/older than v202409-1/);
});

it('lets any other error through', async () => {
  sim.injectFault({ status: 401, match: /\/runs$/ });
  await expect(new SignalReader().cycle()).rejects.toMatchObject({ kind: 'unauthorized' });
});

describe('on a 10,000-workspace organization', () => {
  let large: HcpSimulator;

  beforeAll(async () => {
    large = await startHcpSimulator();
    large.setClock('2026-05-12T10:00:00Z');
    large.freezeClock();
    const workspaces = large.organizations.generateWorkspaces('big', 10_000, (index) => ({
      name: `w-${index}`,
    }));
    for (const [index, workspace] of workspaces.entries())
      if (index % 10 === 0)
        large.organizations.addRun({ workspaceId: workspace.id, createdAt: '2026-05-11T00:00:00Z' });
  }, 120_000);

  afterAll(async () => {
    await large.close();
  });

  it('an idle cycle still costs at most 2 requests', async () => {
    const bigClient = simClient(large).client;
    const first = await readOrganizationSignal(bigClient, {
      organization: 'big',
      watermark: null,
      nonFinalRuns: {},
    });
    const before = large.requests.length;
    const idle = await readOrganizationSignal(bigClient, {
      organization: 'big',
      watermark: first.watermark,
      nonFinalRuns: first.nonFinalRuns,
    });
    expect(idle.workspaceIds.size).toBe(0);
    expect(large.requests.length - before).toBeLessThanOrEqual(2);
  });
});
