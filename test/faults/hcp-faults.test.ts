import { jest } from '@jest/globals';
import type { FaultSpec } from '../support/hcp-simulator/index.js';
import { postedAlertKeys } from './support/alert-tally.js';
import { killAll, type LogLine, type SpawnedProcess } from './support/spawned.js';
import { sleep, waitUntil } from './support/waiting.js';
import { type FaultWorld, healthStatus, startProcess, startWorld } from './support/world.js';

jest.setTimeout(90_000);

let world: FaultWorld;
let worker: SpawnedProcess;
let workerPid: number;
let serial = 0;

beforeAll(async () => {
  world = await startWorld();
  worker = await startProcess(world, 'worker');
  workerPid = worker.pid;
});

afterAll(async () => {
  await killAll();
  await world.close();
});

afterEach(() => {
  world.sim.clearFaults();
  world.sim.clearLatency();
});

const WARN = 40;

interface FaultCase {
  name: string;
  /** The faults, each answering requests for the subscription's workspace listing. */
  faults: Omit<FaultSpec, 'match'>[];
  /** The line that says what went wrong, and what the worker does about it. */
  logged: (line: LogLine, context: { subscriptionId: string; workspaceId: string }) => boolean;
}

const pollFailed =
  (cause: RegExp) =>
  (line: LogLine, { subscriptionId }: { subscriptionId: string }): boolean =>
    line.msg === 'poll failed; the next tick retries' &&
    line.level >= WARN &&
    line.subscription === subscriptionId &&
    typeof line.err === 'string' &&
    cause.test(line.err);

const retried =
  (kind: string) =>
  (line: LogLine, { workspaceId }: { workspaceId: string }): boolean =>
    line.msg === 'HCP Terraform request will be retried' &&
    line.errorKind === kind &&
    typeof line.path === 'string' &&
    line.path.includes(workspaceId);

const CASES: FaultCase[] = [
  {
    name: '429 with Retry-After on every attempt: the worker pauses polls for the time asked',
    faults: [{ status: 429, retryAfterSeconds: 1, times: 5 }],
    logged: (line, { subscriptionId }) =>
      line.msg === 'HCP Terraform rate limit; pausing polls' &&
      line.level >= WARN &&
      line.subscription === subscriptionId &&
      line.waitMs === 1000,
  },
  {
    name: 'a burst of 503s longer than the retries: the tick fails, the next one succeeds',
    faults: [{ status: 503, times: 7 }],
    logged: pollFailed(/server error \(503\)/),
  },
  {
    name: 'a response slower than the 10 s client timeout: the attempt is abandoned and retried',
    faults: [{ delayMs: 11_000, times: 1 }],
    logged: retried('timeout'),
  },
  {
    name: 'a malformed JSON body',
    faults: [{ status: 200, body: '{not json' }],
    logged: pollFailed(/not valid JSON/),
  },
  {
    name: 'a JSON body that is not a JSON:API document',
    faults: [{ status: 200, body: '{"hello":1}' }],
    logged: pollFailed(/no "data"/),
  },
  {
    name: 'an HTML page with status 200 (a proxy or maintenance page)',
    faults: [
      {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>',
      },
    ],
    logged: pollFailed(/text\/html, not JSON:API/),
  },
  {
    name: 'connections dropped on every attempt',
    faults: [{ dropConnection: true, times: 5 }],
    logged: pollFailed(/could not reach HCP Terraform/),
  },
];

test.each(CASES)(
  '$name: logged clearly, no crash, the failure alerted once when it clears',
  async (fault) => {
    serial += 1;
    const channel = `C0HCPFAULT${serial}`;
    const fixture = world.addWorkspace(`hcpfault${serial}`, 1);
    const action = fixture.actions[0];
    if (!action) throw new Error('no action');
    const subscriptionId = await world.subscribe(channel, fixture.workspace);
    const match = new RegExp(`/workspaces/${fixture.workspace.id}/terraform-actions`);
    for (const spec of fault.faults) world.sim.injectFault({ ...spec, match });

    const key = world.fail(channel, fixture.workspace.id, action);
    const context = { subscriptionId, workspaceId: fixture.workspace.id };
    await worker.waitForLine((line) => fault.logged(line, context), 45_000, fault.name);
    await waitUntil(
      () => postedAlertKeys(world.slack.messages(channel)).includes(key),
      45_000,
      'the alert once the fault cleared',
    );
    await sleep(2500);

    expect(postedAlertKeys(world.slack.messages(channel))).toEqual([key]);
    expect(worker.alive).toBe(true);
    expect(worker.pid).toBe(workerPid);
    expect(await healthStatus(worker.port)).toBe(200);
    expect(worker.lines().filter((line) => line.msg === 'worker ready')).toHaveLength(1);
    await world.service.unsubscribe(channel, fixture.workspace.id);
  },
);

test('nothing in the output is a crash or an unhandled error', () => {
  const fatal = worker
    .lines()
    .filter((line) => line.level >= 60 || line.msg === 'unhandled promise rejection');
  expect(fatal).toEqual([]);
  expect(worker.stderr).toBe('');
});
