import { Redis } from 'ioredis';
import { ALERT_RECORD_TTL_SECONDS } from '../../src/alerts/delivery-records.js';
import { createAlertKeys } from '../../src/alerts/keys.js';
import {
  createCachedActionErrorFinder,
  runErrorKey,
  TRANSIENT_TTL_SECONDS,
} from '../../src/run-errors/cache.js';
import { testRedisUrl, uniquePrefix } from '../alerts/helpers.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { cleanPlanLog, failedActionApplyLog, simFinder, target } from './support.js';

let sim: HcpSimulator;
let redis: Redis;
const keys = createAlertKeys(uniquePrefix('runerror'));

beforeEach(async () => {
  sim = await startHcpSimulator();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
});

afterEach(async () => {
  await sim.close();
  redis.disconnect();
});

test('many clicks, at once and later, and a second process read the log once per (run, action)', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog('Lambda returned 500') } },
  });
  const { find: rawFind } = simFinder(sim);
  const web = createCachedActionErrorFinder({ redis, keys, find: rawFind });
  const worker = createCachedActionErrorFinder({ redis, keys, find: simFinder(sim).find });

  const results = await Promise.all([
    ...Array.from({ length: 10 }, () => web(target(run.runId))),
    ...Array.from({ length: 10 }, () => worker(target(run.runId))),
  ]);
  for (let i = 0; i < 5; i += 1) results.push(await web(target(run.runId)));

  expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
  expect(results[0]).toMatchObject({ source: 'action', stage: 'apply' });
  expect(sim.runLogs.reads).toHaveLength(1);
  const ttl = await redis.ttl(runErrorKey(keys, target(run.runId)));
  expect(ttl).toBeGreaterThan(ALERT_RECORD_TTL_SECONDS - 60);

  // Another action of the same run is another entry with its own reads: the apply log names it nowhere, so
  // the plan log is read too.
  await web(target(run.runId, 'action.aws_lambda_invoke.other', []));
  await web(target(run.runId, 'action.aws_lambda_invoke.other', []));
  expect(sim.runLogs.reads.map((read) => read.stageId)).toEqual([run.applyId, run.applyId, run.planId]);
});

test('an answer that may change (expired link) is kept only briefly', async () => {
  const run = sim.runLogs.addRun({ plan: { log: { lines: cleanPlanLog() }, mode: 'expired' } });
  const find = createCachedActionErrorFinder({ redis, keys, find: simFinder(sim).find });
  expect(await find(target(run.runId))).toMatchObject({ transient: true });
  const ttl = await redis.ttl(runErrorKey(keys, target(run.runId)));
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(TRANSIENT_TTL_SECONDS);
});

test('the key follows the alert key prefix and stays short whatever the address holds', () => {
  const key = runErrorKey(
    keys,
    target('run-abc', 'module.app["eu west"].action.aws_lambda_invoke.notify[0]'),
  );
  expect(key.startsWith(`${keys.prefix}runerror:run-abc:`)).toBe(true);
  expect(key).not.toMatch(/\s|"/);
});
