import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MalformedResponseError } from '../../src/hcp/errors.js';
import { InvalidIdError } from '../../src/hcp/ids.js';
import { unpaced } from '../../src/hcp/pacing.js';
import { createRunLogApi } from '../../src/hcp/runs.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';

let sim: HcpSimulator;

beforeEach(async () => {
  sim = await startHcpSimulator();
});

afterEach(async () => {
  await sim.close();
});

function api(address: string, token = sim.token) {
  return createRunLogApi({ address, token, pacer: unpaced, sleep: async () => {}, maxAttempts: 1 });
}

test('reads the run, then its plan and apply with their pre-signed log URLs', async () => {
  const run = sim.runLogs.addRun({ plan: { log: { lines: [] } }, apply: { log: { lines: [] } } });
  const reader = api(sim.address);
  expect(await reader.getRunStages(run.runId)).toEqual({
    runId: run.runId,
    status: 'applied',
    planId: run.planId,
    applyId: run.applyId,
  });
  const apply = await reader.getStageLog('apply', run.applyId ?? '');
  expect(apply).toMatchObject({ kind: 'apply', id: run.applyId, status: 'errored' });
  expect(apply.logReadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_archivist\//);
  expect(sim.requests.map((request) => [request.path, request.authorized])).toEqual([
    [`/api/v2/runs/${run.runId}`, true],
    [`/api/v2/applies/${run.applyId}`, true],
  ]);
});

test('bad IDs are refused before any request', async () => {
  const reader = api(sim.address);
  await expect(reader.getRunStages('run-../../x')).rejects.toBeInstanceOf(InvalidIdError);
  await expect(reader.getStageLog('plan', 'apply-abc')).rejects.toThrow('"apply-abc" is not a valid plan ID');
  expect(sim.requests).toHaveLength(0);
});

describe('a server with a malformed plan relationship', () => {
  let server: Server;
  let address: string;

  beforeEach(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/vnd.api+json' });
      response.end(
        JSON.stringify({
          data: {
            id: 'run-abc',
            type: 'runs',
            attributes: {},
            relationships: { plan: { data: { id: '../plan', type: 'plans' } } },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('is a MalformedResponseError that names the relationship', async () => {
    const failure = api(address, 'fake-token').getRunStages('run-abc');
    await expect(failure).rejects.toBeInstanceOf(MalformedResponseError);
    await expect(failure).rejects.toThrow('the plan relationship holds "../plan", not a plan ID');
  });
});
