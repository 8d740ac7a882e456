/** c. How many idle workspaces one token covers per 60 s with the client's default pacing, without a 429. */
import { Redis } from 'ioredis';
import { createAlertKeys } from '../src/alerts/keys.js';
import { MuteStore } from '../src/alerts/mutes.js';
import type { PollerDeps } from '../src/alerts/poll-types.js';
import { pollSubscription } from '../src/alerts/poller.js';
import { MAX_ALERTS_PER_MESSAGE } from '../src/alerts/presenter.js';
import { AlertState } from '../src/alerts/state.js';
import { type Subscription, SubscriptionStore } from '../src/alerts/subscriptions.js';
import { createHcpClient } from '../src/hcp/client.js';
import { createPacer, DEFAULT_PACING } from '../src/hcp/pacing.js';
import { startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { addIdleWorkspaces, benchLogger, ignoreRedisError, mapConcurrently, workspaceOf } from './harness.js';
import { RecordingSink } from './recording-sink.js';
import { formatSummary, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';

const HCP_RATE_LIMIT = 30;
/** The worker's poll concurrency (alert-worker.ts DEFAULT_CONCURRENCY). */
const POLL_CONCURRENCY = 4;
/** The first second is left out of the sustained rate: the pacer's burst would flatter it. */
const SKIP_FIRST_MS = 1000;
const GOAL_WORKSPACES = 1100;
const POLL_LOCK_TTL_MS = 60_000;

interface CapacityRep {
  requests: number;
  polls: number;
  failedPolls: number;
  sustainedPerSecond: number;
  requestsPerIdleWorkspace: number;
  workspacesPer60s: number;
  rateLimited: number;
  maxInAnySecond: number;
}

export async function measureCapacity(context: BenchContext): Promise<FigureResult> {
  const { sizes } = context;
  const sim = await startHcpSimulator({ token: 'bench-capacity-token', rateLimitPerSecond: HCP_RATE_LIMIT });
  const redis = new Redis(context.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', ignoreRedisError);
  try {
    const fixtures = addIdleWorkspaces(sim, 'cap', sizes.capacityWorkspaces, 4);
    const keys = createAlertKeys('bench-c:');
    const store = new SubscriptionStore(redis, keys);
    const state = new AlertState(redis, keys);
    const cursorMs = Date.parse(sim.now()) - 600_000;
    // Subscriptions start from a stored cursor: the one-time baseline is not what this figure is about.
    const subscriptions = await mapConcurrently(fixtures, 16, async (fixture) => {
      const { subscription } = await store.upsert({
        channelId: 'CBCAP',
        workspace: workspaceOf(fixture),
        filters: {},
        userId: 'UBENCH',
        now: new Date(),
      });
      await state.subscription.advanceCursor(subscription.id, cursorMs);
      return subscription;
    });

    const reps: CapacityRep[] = [];
    for (let rep = 0; rep < sizes.reps; rep++) {
      context.checkAborted();
      // A fresh bucket per repetition, configured exactly as the client's default one.
      const deps: PollerDeps = {
        hcp: createHcpClient({ address: sim.address, token: sim.token, pacer: createPacer(DEFAULT_PACING) }),
        state,
        mutes: new MuteStore(redis, keys),
        sink: new RecordingSink(),
        logger: benchLogger(),
        maxBurstItems: MAX_ALERTS_PER_MESSAGE,
      };
      reps.push(await runFor(sim, subscriptions, deps, sizes.capacitySeconds * 1000));
      context.log(
        `  c: repetition ${rep + 1}: ${reps.at(-1)?.sustainedPerSecond.toFixed(2)} requests/s, ${reps.at(-1)?.rateLimited} × 429`,
      );
    }

    const perSecond = summarize(reps.map((rep) => rep.sustainedPerSecond));
    const workspaces = summarize(reps.map((rep) => rep.workspacesPer60s));
    const perIdle = summarize(reps.map((rep) => rep.requestsPerIdleWorkspace));
    const rateLimited = reps.reduce((sum, rep) => sum + rep.rateLimited, 0);
    const peak = Math.max(...reps.map((rep) => rep.maxInAnySecond));
    return {
      id: 'c',
      title: 'Capacity per token',
      rows: [
        {
          figure: `c. idle workspaces per token per 60 s (scaled from ${sizes.capacitySeconds} s)`,
          value: formatSummary(workspaces, '', 0),
          goal: `≥ ${GOAL_WORKSPACES.toLocaleString('en-US')}`,
          met: workspaces.median >= GOAL_WORKSPACES && rateLimited === 0,
        },
        {
          figure: 'c. sustained HCP requests/s; most in any 1 s; 429s',
          value: `${formatSummary(perSecond, '/s', 2)}; ${peak}; ${rateLimited}`,
          goal: `≤ ${HCP_RATE_LIMIT}/s; 0 × 429`,
          met: rateLimited === 0 && peak <= HCP_RATE_LIMIT,
        },
      ],
      method: [
        `c: time scaled. ${POLL_CONCURRENCY} concurrent loops (the worker's poll concurrency) run pollSubscription with poll locks over ${sizes.capacityWorkspaces} idle subscriptions for ${sizes.capacitySeconds} s per repetition, through createHcpClient with a fresh default pacer (${DEFAULT_PACING.ratePerSecond}/s, burst ${DEFAULT_PACING.burst}) against a simulator limiting to ${HCP_RATE_LIMIT} requests/s. Workspaces per 60 s = sustained rate (first second left out) × 60 / requests per idle workspace (${formatSummary(perIdle, '', 3)}). Cursors were set directly, so baselines are not counted.`,
      ],
      data: {
        timeScaled: true,
        secondsPerRep: sizes.capacitySeconds,
        subscriptions: sizes.capacityWorkspaces,
        pacing: DEFAULT_PACING,
        simulatorRateLimitPerSecond: HCP_RATE_LIMIT,
        sustainedRequestsPerSecond: perSecond,
        requestsPerIdleWorkspace: perIdle,
        workspacesPer60s: workspaces,
        rateLimited429: rateLimited,
        maxRequestsInAnySecond: peak,
        reps,
      },
    };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
    await sim.close().catch(() => undefined);
  }
}

async function runFor(
  sim: Awaited<ReturnType<typeof startHcpSimulator>>,
  subscriptions: readonly Subscription[],
  deps: PollerDeps,
  durationMs: number,
): Promise<CapacityRep> {
  sim.clearRequests();
  const limitedBefore = sim.rateLimitedCount;
  const started = performance.now();
  const stopAt = started + durationMs;
  let next = 0;
  let polls = 0;
  let failedPolls = 0;
  const lane = async () => {
    while (performance.now() < stopAt) {
      const subscription = subscriptions[next++ % subscriptions.length] as Subscription;
      const lock = await deps.state.subscription.acquirePollLock(subscription.id, POLL_LOCK_TTL_MS);
      if (!lock) continue;
      try {
        await pollSubscription(subscription, deps);
        polls += 1;
      } catch {
        failedPolls += 1;
      } finally {
        await deps.state.subscription.releasePollLock(subscription.id, lock);
      }
    }
  };
  await Promise.all(Array.from({ length: POLL_CONCURRENCY }, lane));
  const ended = performance.now();
  const requests = sim.requests.length;
  const sustained = sim.requests.filter((request) => request.receivedAt >= started + SKIP_FIRST_MS).length;
  const sustainedPerSecond = sustained / ((ended - started - SKIP_FIRST_MS) / 1000);
  const requestsPerIdleWorkspace = requests / polls;
  return {
    requests,
    polls,
    failedPolls,
    sustainedPerSecond,
    requestsPerIdleWorkspace,
    workspacesPer60s: (sustainedPerSecond * 60) / requestsPerIdleWorkspace,
    rateLimited: sim.rateLimitedCount - limitedBefore,
    maxInAnySecond: sim.maxRequestsInWindow(1000),
  };
}
