import { jest } from '@jest/globals';
import { postedAlertKeys, tally } from './support/alert-tally.js';
import { FailureGenerator } from './support/failure-generator.js';
import { chooseSeed, seededRandom } from './support/prng.js';
import { killAll } from './support/spawned.js';
import { sleep, waitUntil } from './support/waiting.js';
import { type FaultWorld, healthStatus, startProcess, startWorld } from './support/world.js';

jest.setTimeout(120_000);

let world: FaultWorld | undefined;

afterEach(async () => {
  await killAll();
  await world?.close();
  world = undefined;
});

test('Redis restarts, then goes away for seconds: polling resumes in the same worker process, nothing lost or repeated', async () => {
  const seed = chooseSeed();
  console.log(`Redis restart: seed ${seed}`);
  world = await startWorld({ persistent: true });
  const w = world;
  const channel = 'C0REDISBOUNCE';
  const fixture = w.addWorkspace('bounce', 3);
  const worker = await startProcess(w, 'worker');
  const pid = worker.pid;
  await w.subscribe(channel, fixture.workspace);

  const failures = new FailureGenerator(w, channel, fixture, seededRandom(seed), { min: 700, max: 1500 });
  const postedCount = () => postedAlertKeys(w.slack.messages(channel)).length;
  failures.start();
  await waitUntil(() => postedCount() >= 2, 30_000, 'alerts before the restart');
  await w.redisServer.restart();
  const before = postedCount();
  await waitUntil(() => postedCount() >= before + 2, 30_000, 'alerts before the outage');
  let healthDuringOutage = 0;
  await w.redisOutage(async () => {
    // Failures keep appearing while Redis is away; the worker must wait it out, not exit.
    await waitUntil(
      async () => {
        healthDuringOutage = await healthStatus(worker.port);
        return healthDuringOutage === 503;
      },
      10_000,
      'worker /healthz 503 while Redis is down',
    );
    await sleep(2000);
  });
  // Polling has resumed once failures made after the last restart are posted.
  const afterRestart = failures.failOnce();
  await waitUntil(
    () => postedAlertKeys(w.slack.messages(channel)).includes(afterRestart),
    45_000,
    'a failure made after the restarts',
  );
  failures.stop();
  await waitUntil(
    () => {
      const posted = new Set(postedAlertKeys(w.slack.messages(channel)));
      return failures.expected.every((key) => posted.has(key));
    },
    45_000,
    'every failure posted',
  );
  await waitUntil(() => w.settled(), 30_000, 'delivery to settle');
  await sleep(2500);

  const result = tally(postedAlertKeys(w.slack.messages(channel)), failures.expected);
  console.log(
    `Redis restart: ${failures.expected.length} failures, lost ${result.missing.length}, duplicated ${result.duplicates.length}`,
  );
  expect(result).toEqual({ missing: [], duplicates: [], unexpected: [] });
  expect(worker.alive).toBe(true);
  expect(worker.pid).toBe(pid);
  await waitUntil(async () => (await healthStatus(worker.port)) === 200, 15_000, 'worker /healthz 200');
  expect(healthDuringOutage).toBe(503);
  expect(worker.lines().filter((line) => line.msg === 'worker ready')).toHaveLength(1);
  // The outage is said, but each connection's complaint is throttled (one line per 10 s), not one per retry.
  const complaints = new Map<string, number>();
  for (const line of worker.lines())
    if (typeof line.err === 'string' && line.err.includes('ECONNREFUSED'))
      complaints.set(line.msg, (complaints.get(line.msg) ?? 0) + 1);
  console.log(`Redis outage log lines: ${JSON.stringify(Object.fromEntries(complaints))}`);
  expect(complaints.size).toBeGreaterThan(0);
  for (const [msg, count] of complaints) expect({ msg, count: Math.min(count, 2) }).toEqual({ msg, count });
});
