import { jest } from '@jest/globals';
import { POLL_LOCK_TTL_MS } from '../../src/alerts/alert-worker.js';
import type { PostedMessage } from '../support/slack-standin/index.js';
import { postedAlertKeys, tally } from './support/alert-tally.js';
import { FailureGenerator } from './support/failure-generator.js';
import { describeWindows, duplicateWindows } from './support/post-window.js';
import { between, chooseSeed, seededRandom } from './support/prng.js';
import { killAll, type SpawnedProcess } from './support/spawned.js';
import { sleep, waitAtMost, waitUntil } from './support/waiting.js';
import { type FaultWorld, startProcess, startWorld } from './support/world.js';

jest.setTimeout(200_000);

const seed = chooseSeed();
let world: FaultWorld | undefined;

beforeAll(() => {
  console.log(`worker SIGKILL suite: seed ${seed} (FAULT_SEED=${seed} replays the schedule)`);
});

afterEach(async () => {
  await killAll();
  await world?.close();
  world = undefined;
});

interface KillPlan {
  /** Slack latency on chat.postMessage for this iteration, so the kill can land while a post is in flight. */
  postLatencyMs: number | null;
  /** After the ready line (or, with postLatencyMs, after a post reached Slack): how long until kill -9. */
  killAfterMs: number;
}

function planKill(random: () => number, postWindowShare: number): KillPlan {
  if (random() < postWindowShare) {
    const postLatencyMs = Math.round(between(random, 600, 2000));
    return { postLatencyMs, killAfterMs: Math.round(random() * postLatencyMs) };
  }
  return { postLatencyMs: null, killAfterMs: Math.round(between(random, 150, 2600)) };
}

interface KillRun {
  kills: number;
  /** Kills made while a chat.postMessage was in flight at the stand-in. */
  killsDuringPost: number;
  /** Time left on poll locks a killed worker still held (the subscription is not polled until they lapse). */
  orphanedPollLocksMs: number[];
  workers: SpawnedProcess[];
}

/** Starts a worker, kills it -9 as planned, again and again; failures keep appearing meanwhile. */
async function killRepeatedly(w: FaultWorld, iterations: number, plan: () => KillPlan): Promise<KillRun> {
  const run: KillRun = { kills: 0, killsDuringPost: 0, orphanedPollLocksMs: [], workers: [] };
  for (let iteration = 0; iteration < iterations; iteration++) {
    const { postLatencyMs, killAfterMs } = plan();
    const worker = await startProcess(w, 'worker');
    run.workers.push(worker);
    if (postLatencyMs !== null) {
      w.slack.setLatency(postLatencyMs, 'chat.postMessage');
      await waitAtMost(() => postInFlight(w), 8000);
    }
    await sleep(killAfterMs);
    if (postInFlight(w)) run.killsDuringPost += 1;
    await worker.kill('SIGKILL');
    run.kills += 1;
    for (const lock of await w.redis.keys('tfa:lock:poll:*'))
      run.orphanedPollLocksMs.push(await w.redis.pttl(lock));
    w.slack.setLatency(0, 'chat.postMessage');
  }
  return run;
}

/** A Web API call received and not answered yet: with latency on chat.postMessage only, that is a post. */
function postInFlight(w: FaultWorld): boolean {
  return w.slack.inFlight > 0;
}

async function settle(w: FaultWorld, channel: string, expected: readonly string[]): Promise<void> {
  const everyKeyPosted = () => {
    const posted = new Set(postedAlertKeys(w.slack.messages(channel)));
    return expected.every((key) => posted.has(key));
  };
  await waitUntil(everyKeyPosted, 120_000, `all ${expected.length} failures posted`, 200);
  // Settled twice with a tick between: nothing left that could still post.
  await waitUntil(() => w.settled(), 60_000, 'delivery to settle', 200);
  await sleep(2500);
  await waitUntil(() => w.settled(), 60_000, 'delivery to settle again', 200);
}

test('kill -9 at random points over 20 iterations: every failure posted, none twice', async () => {
  world = await startWorld();
  const w = world;
  const killRandom = seededRandom(seed);
  const failRandom = seededRandom(seed ^ 0x5bd1e995);
  const channel = 'C0SIGKILL';
  const fixture = w.addWorkspace('crashy', 4);
  const first = await startProcess(w, 'worker');
  await w.subscribe(channel, fixture.workspace);
  await first.kill('SIGKILL');

  const failures = new FailureGenerator(w, channel, fixture, failRandom, { min: 600, max: 1600 }, 0.12);
  failures.start();
  const run = await killRepeatedly(w, 20, () => planKill(killRandom, 0.4));
  failures.stop();
  failures.failOnce();

  const survivor = await startProcess(w, 'worker');
  await settle(w, channel, failures.expected);

  const messages = w.slack.messages(channel);
  const result = tally(postedAlertKeys(messages), failures.expected);
  console.log(
    `SIGKILL run (seed ${seed}): ${run.kills} kills, ${run.killsDuringPost} while a post was in flight; ` +
      `${failures.expected.length} failures, ${messages.length} messages (${grouped(messages)} grouped); ` +
      `lost ${result.missing.length}, duplicated ${result.duplicates.length}; ` +
      `poll locks left by a kill: ${JSON.stringify(run.orphanedPollLocksMs)} ms; ` +
      `duplicate window, ${describeWindows(await duplicateWindows(w.redis, messages, w.slack.calls))}`,
  );
  expect(result).toEqual({ missing: [], duplicates: [], unexpected: [] });
  expect(run.kills).toBeGreaterThanOrEqual(20);
  // A poller killed mid-poll holds its subscription back only until its short lock lapses.
  for (const leftMs of run.orphanedPollLocksMs) expect(leftMs).toBeLessThanOrEqual(POLL_LOCK_TTL_MS);
  expect(survivor.alive).toBe(true);
  const failedJobs = await w.redis.zcard('tfa:alerts-post:failed');
  expect(failedJobs).toBe(0);
});

test('with channel history unreadable, a kill inside the post window may duplicate: measured, never lost', async () => {
  world = await startWorld();
  const w = world;
  const killRandom = seededRandom(seed ^ 0x27d4eb2f);
  const failRandom = seededRandom(seed ^ 0x165667b1);
  const channel = 'C0NOHISTORY';
  const fixture = w.addWorkspace('blind', 3);
  const first = await startProcess(w, 'worker');
  await w.subscribe(channel, fixture.workspace);
  await first.kill('SIGKILL');
  w.slack.injectFault({
    method: 'conversations.history',
    error: 'missing_scope',
    times: Number.POSITIVE_INFINITY,
  });

  const failures = new FailureGenerator(w, channel, fixture, failRandom, { min: 700, max: 1600 }, 0.2);
  failures.start();
  const run = await killRepeatedly(w, 5, () => planKill(killRandom, 1));
  failures.stop();

  const survivor = await startProcess(w, 'worker');
  await settle(w, channel, failures.expected);

  const messages = w.slack.messages(channel);
  const result = tally(postedAlertKeys(messages), failures.expected);
  const warned = [...run.workers, survivor].some((worker) =>
    worker.hasLine((line) => line.msg.includes('a duplicate is possible')),
  );
  console.log(
    `history unreadable (seed ${seed}): ${run.kills} kills, ${run.killsDuringPost} while a post was in flight; ` +
      `${failures.expected.length} failures in ${messages.length} messages, ${repeatedMessages(messages)} of ` +
      `them repeating an earlier alert, ${result.duplicates.length} alert(s) duplicated; ` +
      `"duplicate is possible" warning logged: ${warned}; ` +
      `duplicate window, ${describeWindows(await duplicateWindows(w.redis, messages, w.slack.calls))}`,
  );
  expect(result.missing).toEqual([]);
  expect(result.unexpected).toEqual([]);
  // A duplicate is only ever the documented one: history unreadable after a post nobody recorded, said in the log.
  if (result.duplicates.length > 0) expect(warned).toBe(true);
  // Each kill orphans at most the posts in flight: two per channel, at one post a second and under 2 s latency.
  expect(repeatedMessages(messages)).toBeLessThanOrEqual(run.kills * 2);
});

function grouped(messages: readonly PostedMessage[]): number {
  return messages.filter((message) => postedAlertKeys([message]).length > 1).length;
}

/** Messages whose alerts had all been posted before: what a kill inside the post window costs. */
function repeatedMessages(messages: readonly PostedMessage[]): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const message of messages) {
    const keys = postedAlertKeys([message]);
    if (keys.length > 0 && keys.every((key) => seen.has(key))) repeated += 1;
    for (const key of keys) seen.add(key);
  }
  return repeated;
}

test('a worker killed in the middle of a poll holds the subscription back only for the short poll lock', async () => {
  world = await startWorld();
  const w = world;
  const channel = 'C0MIDPOLL';
  const fixture = w.addWorkspace('midpoll', 1);
  const action = fixture.actions[0];
  if (!action) throw new Error('no action');
  const first = await startProcess(w, 'worker');
  const subscriptionId = await w.subscribe(channel, fixture.workspace);

  const listing = `/workspaces/${fixture.workspace.id}/terraform-actions`;
  w.sim.setLatency(4000, new RegExp(listing));
  const since = w.sim.requests.length;
  await waitUntil(
    () =>
      w.sim.requests.slice(since).some((request) => request.path.includes(listing) && request.status === 0),
    15_000,
    'a poll waiting on HCP Terraform',
  );
  await first.kill('SIGKILL');
  const leftMs = await w.redis.pttl(`tfa:lock:poll:${subscriptionId}`);
  expect(leftMs).toBeGreaterThan(0);
  expect(leftMs).toBeLessThanOrEqual(POLL_LOCK_TTL_MS);

  w.sim.clearLatency();
  await startProcess(w, 'worker');
  const key = w.fail(channel, fixture.workspace.id, action);
  await waitUntil(() => postedAlertKeys(w.slack.messages(channel)).includes(key), 45_000, 'the alert');
  await waitUntil(() => w.settled(), 30_000, 'delivery to settle');
  expect(postedAlertKeys(w.slack.messages(channel))).toEqual([key]);
});
