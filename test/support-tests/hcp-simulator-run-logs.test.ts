import fetch from 'node-fetch';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { versionLine } from '../support/hcp-simulator/run-logs/ui-messages.js';
import { get } from './hcp-simulator-client.js';

interface StageDocument {
  data: { id: string; type: string; attributes: { status: string; 'log-read-url': string } };
}

interface RunDocument {
  data: {
    id: string;
    type: string;
    attributes: { status: string };
    relationships: Record<string, { data: { id: string; type: string } | null }>;
  };
}

let sim: HcpSimulator;

beforeEach(async () => {
  sim = await startHcpSimulator();
});

afterEach(async () => {
  await sim.close();
});

test('runs, plans and applies are JSON:API resources behind the token', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: [versionLine()] } },
    apply: { log: { lines: ['x'] } },
  });
  const shown = await get<RunDocument>(sim, `/runs/${run.runId}`);
  expect(shown.status).toBe(200);
  expect(shown.body.data.relationships['plan']?.data).toEqual({ id: run.planId, type: 'plans' });
  expect(shown.body.data.relationships['apply']?.data).toEqual({ id: run.applyId, type: 'applies' });
  const plan = await get<StageDocument>(sim, `/plans/${run.planId}`);
  expect(plan.body.data).toMatchObject({ id: run.planId, type: 'plans', attributes: { status: 'finished' } });
  expect((await get(sim, `/applies/${run.applyId}`)).body).toMatchObject({ data: { type: 'applies' } });
  expect((await get(sim, `/plans/${run.applyId}`)).status).toBe(404);
  expect((await get(sim, `/runs/${run.runId}`, { token: null })).status).toBe(401);

  const planOnly = sim.runLogs.addRun({ plan: { log: { lines: [] } } });
  const errored = await get<RunDocument>(sim, `/runs/${planOnly.runId}`);
  expect(errored.body.data.attributes.status).toBe('errored');
  expect(errored.body.data.relationships['apply']?.data).toBeNull();
});

test('log URLs are served without a token, wrapped in STX/ETX, and each show hands out a fresh one', async () => {
  const run = sim.runLogs.addRun({ plan: { log: { lines: ['line 1', 'line 2'] } } });
  const first = (await get<StageDocument>(sim, `/plans/${run.planId}`)).body.data.attributes['log-read-url'];
  const second = (await get<StageDocument>(sim, `/plans/${run.planId}`)).body.data.attributes['log-read-url'];
  expect(first).not.toBe(second);
  const response = await fetch(first);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('\u0002line 1\nline 2\n\u0003');
  expect(sim.runLogs.reads).toEqual([
    { stageId: run.planId, status: 200, hadAuthorization: false, bytesSent: 16, finished: true },
  ]);
  expect((await fetch(first.replace(/signature=\w+/, 'signature=forged'))).status).toBe(404);
});

test('URLs expire on the simulator clock; forbidden and missing modes answer like an object store', async () => {
  const run = sim.runLogs.addRun({ plan: { log: { lines: ['x'] }, urlLifetimeSeconds: 30 } });
  const url = (await get<StageDocument>(sim, `/plans/${run.planId}`)).body.data.attributes['log-read-url'];
  sim.advanceClock(31);
  const expired = await fetch(url);
  expect(expired.status).toBe(403);
  expect(await expired.text()).toContain('Request has expired');

  sim.runLogs.setMode(run.planId, 'forbidden');
  const fresh = (await get<StageDocument>(sim, `/plans/${run.planId}`)).body.data.attributes['log-read-url'];
  const forbidden = await fetch(fresh);
  expect(forbidden.status).toBe(403);
  expect(await forbidden.text()).toContain('Access Denied');

  sim.runLogs.setMode(run.planId, 'missing');
  expect((await fetch(fresh)).status).toBe(404);
});
