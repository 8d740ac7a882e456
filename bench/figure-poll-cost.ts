/** b. HCP Terraform requests per poll tick: tfactions' poller next to a naive one, same world, same ticks. */
import { Redis } from 'ioredis';
import { createAlertKeys } from '../src/alerts/keys.js';
import { MuteStore } from '../src/alerts/mutes.js';
import type { PollerDeps } from '../src/alerts/poll-types.js';
import { pollSubscription } from '../src/alerts/poller.js';
import { MAX_ALERTS_PER_MESSAGE } from '../src/alerts/presenter.js';
import { AlertState } from '../src/alerts/state.js';
import { type Subscription, SubscriptionStore } from '../src/alerts/subscriptions.js';
import { createHcpClient } from '../src/hcp/client.js';
import { unpaced } from '../src/hcp/pacing.js';
import type { HcpSimulator, RecordedRequest, SimAction } from '../test/support/hcp-simulator/index.js';
import { startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { addIdleWorkspaces, benchLogger, ignoreRedisError, mapConcurrently, workspaceOf } from './harness.js';
import { NaivePoller } from './naive-poller.js';
import { pickDistinct, seededRandom } from './random.js';
import { RecordingSink } from './recording-sink.js';
import { formatSummary, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';

/** The simulated poll interval: the simulator clock moves this much between ticks. */
const TICK_SECONDS = 60;
const FAILURE_SHARE = 0.3;
const CONCURRENCY = 8;
const IDLE_GOAL = 1.05;

interface TickCount {
  tfactions: number;
  naive: number;
  idleWorkspaces: number;
  idleRequests: number;
  sameFailures: boolean;
  failures: number;
}

export async function measurePollCost(context: BenchContext): Promise<FigureResult> {
  const { sizes } = context;
  const sim = await startHcpSimulator({ token: 'bench-poll-token' });
  const redis = new Redis(context.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', ignoreRedisError);
  try {
    const fixtures = addIdleWorkspaces(sim, 'pc', sizes.pollWorkspaces, sizes.pollActionsPerWorkspace);
    const actions = fixtures.flatMap((fixture) => fixture.actions);
    const workspaceOfAction = new Map(actions.map((action) => [action.id, action.workspaceId]));
    const keys = createAlertKeys('bench-b:');
    const store = new SubscriptionStore(redis, keys);
    const sink = new RecordingSink();
    const deps: PollerDeps = {
      hcp: createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced, maxAttempts: 2 }),
      state: new AlertState(redis, keys),
      mutes: new MuteStore(redis, keys),
      sink,
      logger: benchLogger(),
      maxBurstItems: MAX_ALERTS_PER_MESSAGE,
    };
    const subscriptions = await mapConcurrently(fixtures, CONCURRENCY, async (fixture) => {
      const { subscription } = await store.upsert({
        channelId: 'CBPOLL',
        workspace: workspaceOf(fixture),
        filters: {},
        userId: 'UBENCH',
        now: new Date(),
      });
      return subscription;
    });
    const naive = new NaivePoller(
      createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced, maxAttempts: 2 }),
    );
    const workspaceIds = fixtures.map((fixture) => fixture.workspace.id);

    sim.clearRequests();
    await pollAll(subscriptions, deps);
    const baselineRequests = sim.requests.length;
    await naive.tick(workspaceIds, CONCURRENCY, true);

    const random = seededRandom(5);
    let previousMoved = new Set<string>();
    const ticks: TickCount[] = [];
    // One unmeasured tick first, so every measured tick also re-reads the previous tick's settle window.
    for (let tick = 0; tick <= sizes.pollTicks; tick++) {
      context.checkAborted();
      sim.advanceClock(TICK_SECONDS);
      const moved = moveActions(sim, actions, sizes.pollMovedPerTick, random);
      const movedWorkspaces = new Set(moved.map((action) => action.workspaceId));

      sim.clearRequests();
      await pollAll(subscriptions, deps);
      const ours = [...sim.requests];
      const alerted = sink.take().sort();

      sim.clearRequests();
      const naiveFound = (await naive.tick(workspaceIds, CONCURRENCY)).sort();
      const naiveRequests = sim.requests.length;

      const busy = new Set([...movedWorkspaces, ...previousMoved]);
      previousMoved = movedWorkspaces;
      if (tick === 0) continue;
      const idleRequests = ours.filter((request) => {
        const workspace = workspaceOfRequest(request, workspaceOfAction);
        return workspace !== null && !busy.has(workspace);
      }).length;
      ticks.push({
        tfactions: ours.length,
        naive: naiveRequests,
        idleWorkspaces: workspaceIds.filter((id) => !busy.has(id)).length,
        idleRequests,
        sameFailures: alerted.join() === naiveFound.join(),
        failures: alerted.length,
      });
    }

    const ourTotal = summarize(ticks.map((tick) => tick.tfactions));
    const naiveTotal = summarize(ticks.map((tick) => tick.naive));
    const perIdle = summarize(ticks.map((tick) => tick.idleRequests / tick.idleWorkspaces));
    const ratio = summarize(ticks.map((tick) => tick.naive / tick.tfactions));
    const agree = ticks.every((tick) => tick.sameFailures);
    const size = `W=${sizes.pollWorkspaces}, A=${sizes.pollActionsPerWorkspace}, K=${sizes.pollMovedPerTick}`;
    return {
      id: 'b',
      title: 'Poll cost',
      rows: [
        {
          figure: `b. HCP requests per tick, tfactions / naive (${size})`,
          value: `${formatSummary(ourTotal, '', 0)} / ${formatSummary(naiveTotal, '', 0)}`,
          goal: '',
          met: null,
        },
        {
          figure: 'b. requests per idle workspace per tick',
          value: formatSummary(perIdle, '', 3),
          goal: `≤ ${IDLE_GOAL}`,
          met: perIdle.max <= IDLE_GOAL,
        },
        {
          figure: 'b. ratio naive / tfactions',
          value: `${formatSummary(ratio, '×', 2)}${agree ? ', same failures found' : ', FOUND DIFFERENT FAILURES'}`,
          goal: '',
          met: agree ? null : false,
        },
      ],
      method: [
        `b: pollSubscription (src/alerts/poller.ts, the worker's code) driven directly by the bench with real Redis state and createHcpClient({ pacer: unpaced }); the naive poller (bench/naive-poller.ts) lists actions plus one run-summary request per action. Each tick the simulator clock moves ${TICK_SECONDS} s and ${sizes.pollMovedPerTick} random actions get a new invocation (${FAILURE_SHARE * 100}% failed) at a random second of the interval; ${sizes.pollTicks} measured ticks are the repetitions. Idle = no invocation in this or the previous interval (tfactions re-reads a 30 s settle window).`,
      ],
      data: {
        workspaces: sizes.pollWorkspaces,
        actionsPerWorkspace: sizes.pollActionsPerWorkspace,
        movedPerTick: sizes.pollMovedPerTick,
        driver: 'pollSubscription in the bench process (same code as the worker), real Redis, unpaced client',
        baselineRequestsPerSubscription: baselineRequests / subscriptions.length,
        tfactionsRequestsPerTick: ourTotal,
        naiveRequestsPerTick: naiveTotal,
        requestsPerIdleWorkspace: perIdle,
        naiveOverTfactions: ratio,
        sameFailuresFound: agree,
        ticks,
      },
    };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
    await sim.close().catch(() => undefined);
  }
}

async function pollAll(subscriptions: readonly Subscription[], deps: PollerDeps): Promise<void> {
  await mapConcurrently(subscriptions, CONCURRENCY, (subscription) => pollSubscription(subscription, deps));
}

function moveActions(sim: HcpSimulator, actions: readonly SimAction[], count: number, random: () => number) {
  const nowMs = Date.parse(sim.now());
  const moved = pickDistinct(actions, count, random);
  for (const action of moved) {
    const run = sim.addRun({ workspaceId: action.workspaceId });
    const secondsAgo = Math.floor(random() * TICK_SECONDS);
    sim.addInvocation({
      actionId: action.id,
      runId: run.id,
      finalStatus: random() < FAILURE_SHARE ? 'failed' : 'successful',
      invokedBy: 'bench',
      invokedAt: new Date(nowMs - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  return moved;
}

function workspaceOfRequest(request: RecordedRequest, workspaceOfAction: Map<string, string>): string | null {
  const workspace = /\/workspaces\/(ws-[A-Za-z0-9]+)\//.exec(request.path)?.[1];
  if (workspace) return workspace;
  const action = /\/terraform-actions\/(action-[A-Za-z0-9]+)/.exec(request.path)?.[1];
  return action ? (workspaceOfAction.get(action) ?? null) : null;
}
