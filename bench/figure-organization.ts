/**
 * j. Watching a whole organization: HCP requests of the organization cycle (org-poll.ts) against a simulated
 * 10,000-workspace organization, driven in-process on the simulator's clock like figure b.
 */
import { Redis } from 'ioredis';
import { createAlertKeys } from '../src/alerts/keys.js';
import { MuteStore } from '../src/alerts/mutes.js';
import { type OrgPollDeps, pollOrganization } from '../src/alerts/org-poll.js';
import { OrgSubscriptionStore } from '../src/alerts/org-subscriptions.js';
import { MAX_ALERTS_PER_MESSAGE } from '../src/alerts/presenter.js';
import type { OrganizationScope } from '../src/alerts/scope.js';
import { AlertState } from '../src/alerts/state.js';
import { createHcpClient } from '../src/hcp/client.js';
import { unpaced } from '../src/hcp/pacing.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { benchLogger, ignoreRedisError } from './harness.js';
import { NaivePoller } from './naive-poller.js';
import { measureOrgWorkerMemory } from './org-worker-memory.js';
import { pickDistinct, seededRandom } from './random.js';
import { RecordingSink } from './recording-sink.js';
import { percentile } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';

const ORGANIZATION = 'bigorg';
const PROJECTS = 50;
const TICK_SECONDS = 60;
const IDLE_CYCLES = 3;
const NAIVE_CONCURRENCY = 16;
const HCP_RATE_PER_SECOND = 30;

export async function measureOrganization(context: BenchContext): Promise<FigureResult> {
  const workspaces = context.sizes.quick ? 2000 : 10_000;
  const activityTicks = context.sizes.quick ? 3 : 5;
  const sim = await startHcpSimulator({ token: 'bench-org-token' });
  const redis = new Redis(context.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', ignoreRedisError);
  try {
    const actions = seedOrganization(sim, workspaces);
    context.log(`j: ${workspaces} workspaces in ${ORGANIZATION}`);
    const hcp = createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced, maxAttempts: 2 });
    const one = await watcher(redis, hcp, 'bench-i1:', [
      { organization: ORGANIZATION, projects: [], tags: [] },
    ]);
    const narrow = await watcher(
      redis,
      hcp,
      'bench-i2:',
      Array.from({ length: 50 }, (_unused, index) => ({
        organization: ORGANIZATION,
        projects: [`p${index % PROJECTS}`],
        tags: [],
        ...(index >= PROJECTS ? { namePattern: `ws-${index}*` } : {}),
      })),
    );

    sim.clearRequests();
    const firstCycleStarted = Date.now();
    await pollOrganization(ORGANIZATION, one.deps);
    const firstCycleMs = Date.now() - firstCycleStarted;
    const baselineRequests = sim.requests.length;
    const idleOne = await idleCycles(sim, one.deps);
    await pollOrganization(ORGANIZATION, narrow.deps);
    const idleNarrow = await idleCycles(sim, narrow.deps);

    // The same seeded script for both: the naive poller remembers the start, the organization cycle runs each tick.
    const naive = new NaivePoller(hcp);
    await naive.tick(
      actions.map((action) => action.workspaceId),
      NAIVE_CONCURRENCY,
      true,
    );
    const random = seededRandom(12);
    const cycleMs: number[] = [];
    const found: string[] = [];
    const running: string[] = [];
    for (let tick = 0; tick < activityTicks; tick++) {
      context.checkAborted();
      sim.advanceClock(TICK_SECONDS);
      for (const runId of running.splice(0)) sim.organizations.setRunStatus(runId, 'errored');
      for (const action of pickDistinct(actions, 20, random)) {
        const inProgress = random() < 0.2;
        const run = sim.organizations.addRun({
          workspaceId: action.workspaceId,
          status: inProgress ? 'applying' : 'applied',
        });
        if (inProgress) running.push(run.id);
        const failed = random() < 0.5;
        sim.addInvocation({
          actionId: action.id,
          runId: run.id,
          finalStatus: failed ? 'failed' : 'successful',
          method: 'lifecycle',
        });
      }
      const started = Date.now();
      await pollOrganization(ORGANIZATION, one.deps);
      cycleMs.push(Date.now() - started);
      found.push(...one.sink.take());
    }
    sim.advanceClock(TICK_SECONDS);
    for (const runId of running.splice(0)) sim.organizations.setRunStatus(runId, 'errored');
    await pollOrganization(ORGANIZATION, one.deps);
    found.push(...one.sink.take());
    const naiveFound = await naive.tick(
      actions.map((action) => action.workspaceId),
      NAIVE_CONCURRENCY,
    );
    const same = [...new Set(found)].sort().join() === [...new Set(naiveFound)].sort().join();
    const cycleP99 = percentile(cycleMs, 99) / 1000;
    context.log('j: compiled worker memory');
    const memory = await measureOrgWorkerMemory(context, sim, ORGANIZATION, actions);
    const refreshRequests = Math.ceil(workspaces / 100);
    return {
      id: 'j',
      title: 'Organization watch',
      rows: [
        row('idle HCP requests per cycle, one `bigorg/*`', `${max(idleOne)}`, '≤ 3', max(idleOne) <= 3),
        row(
          'idle HCP requests per cycle, 50 narrower scopes',
          `${max(idleNarrow)}`,
          '≤ 3',
          max(idleNarrow) <= 3,
        ),
        row('workspace-discovery refresh', `${refreshRequests} requests / hour`, 'stated', null),
        row(
          'failures found vs naive poller (same script)',
          `${new Set(found).size} vs ${new Set(naiveFound).size}: ${same ? 'same set' : 'DIFFERENT'}`,
          'the same set',
          same,
        ),
        row(
          'alert latency p99 (interval + p99 busy cycle)',
          `${TICK_SECONDS} s + ${cycleP99.toFixed(2)} s`,
          '≤ interval + 2 s',
          cycleP99 <= 2,
        ),
        row(
          `worker RSS (compiled), ${workspaces} covered workspaces`,
          `${memory.rssAtEndMb.toFixed(1)} MB; peak ${memory.rssPeakMb.toFixed(1)} MB`,
          '≤ 150 MB',
          memory.rssPeakMb <= 150,
        ),
        row(
          `baseline of a new ${workspaces}-workspace subscription`,
          `${baselineRequests} requests: ${(baselineRequests / HCP_RATE_PER_SECOND).toFixed(1)} s at 30/s`,
          'stated',
          null,
        ),
      ],
      method: [
        `${workspaces} workspaces (1 action each) in ${PROJECTS} projects; driven in-process on the simulator clock, ${TICK_SECONDS} s per cycle, unpaced client.`,
        'Idle: cycles with no new run (the newest runs page and the in-progress runs page).',
        `Activity: ${activityTicks} cycles of 20 random runs each (half with a failed lifecycle invocation, 20% still applying and erroring a cycle later); the naive poller reads every workspace once before and once after.`,
        'Latency is computed: a failure is read at the first cycle after it, so p99 = interval + the p99 duration of a busy cycle (measured, wall clock).',
        'RSS: the compiled worker (node dist/worker.js) at POLL_INTERVAL_SECONDS=1 with one `bigorg/*` subscription, its own Redis database, 5 runs/s (half failing) in random workspaces for 25 s; VmRSS sampled each second.',
      ],
      data: {
        workspaces,
        idleOne,
        idleNarrow,
        baselineRequests,
        firstCycleMs,
        cycleMs,
        found: found.length,
        workerRssMb: memory,
      },
    };
  } finally {
    redis.disconnect();
    await sim.close();
  }
}

function seedOrganization(sim: HcpSimulator, count: number): SimAction[] {
  const created = sim.organizations.generateWorkspaces(ORGANIZATION, count, (index) => ({
    name: `ws-${index}`,
    project: `p${index % PROJECTS}`,
  }));
  return created.map((workspace) =>
    sim.addAction({ workspaceId: workspace.id, address: `action.aws_lambda_invoke.${workspace.name}` }),
  );
}

async function watcher(
  redis: Redis,
  hcp: OrgPollDeps['hcp'],
  prefix: string,
  scopes: OrganizationScope[],
): Promise<{ deps: OrgPollDeps; sink: RecordingSink }> {
  const keys = createAlertKeys(prefix);
  const orgStore = new OrgSubscriptionStore(redis, keys);
  for (const [index, scope] of scopes.entries())
    await orgStore.upsert({
      channelId: `CBORG${index}`,
      scope,
      filters: {},
      userId: 'UBENCH',
      now: new Date(),
    });
  const sink = new RecordingSink();
  const deps: OrgPollDeps = {
    hcp,
    state: new AlertState(redis, keys),
    mutes: new MuteStore(redis, keys),
    sink,
    logger: benchLogger(),
    maxBurstItems: MAX_ALERTS_PER_MESSAGE,
    orgStore,
  };
  return { deps, sink };
}

async function idleCycles(sim: HcpSimulator, deps: OrgPollDeps): Promise<number[]> {
  const counts: number[] = [];
  for (let cycle = 0; cycle < IDLE_CYCLES; cycle++) {
    sim.advanceClock(TICK_SECONDS);
    sim.clearRequests();
    await pollOrganization(ORGANIZATION, deps);
    counts.push(sim.requests.length);
  }
  return counts;
}

function max(values: readonly number[]): number {
  return Math.max(...values);
}

function row(figure: string, value: string, goal: string, met: boolean | null) {
  return { figure, value, goal, met };
}
