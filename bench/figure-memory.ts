/** e. Resident memory of the real worker process holding many subscriptions at a 1 s poll interval. */
import fetch from 'node-fetch';
import { type HcpSimulator, startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import type { RunningChild } from './children.js';
import { buildCompiled } from './compiled-build.js';
import {
  addIdleWorkspaces,
  channelId,
  mapConcurrently,
  sleep,
  type WorkspaceFixture,
  workspaceOf,
} from './harness.js';
import { formatSummary, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';
import { startWorkerSetup } from './worker-setup.js';

const POLL_INTERVAL_SECONDS = 1;
const GOAL_MB = 150;
const CHANNELS = 50;

interface MemoryRep {
  rssAtEndMb: number;
  rssPeakMb: number;
  polls: number;
  /** VmRSS each second, in MB. */
  samplesMb: number[];
}

export async function measureMemory(context: BenchContext): Promise<FigureResult> {
  const { sizes } = context;
  const sim = await startHcpSimulator({ token: 'bench-memory-token' });
  const build = await buildCompiled(context.repoRoot);
  try {
    const fixtures = addIdleWorkspaces(sim, 'mem', sizes.memorySubscriptions, 4);
    // Every worker runs at the same time, each on its own Redis database: resident memory does not depend on
    // sharing the CPU, and the run stays short.
    const runs = Array.from({ length: sizes.reps * 2 }, (_v, index) => {
      const compiled = index >= sizes.reps;
      return runOne(context, sim, fixtures, index, compiled ? build.dir : undefined);
    });
    const all = await Promise.all(runs);
    const tsx = all.slice(0, sizes.reps);
    const compiled = all.slice(sizes.reps);
    for (const [index, result] of all.entries())
      context.log(
        `  e: ${index < sizes.reps ? 'tsx' : 'compiled'} worker ${(index % sizes.reps) + 1}: RSS ${result.rssAtEndMb.toFixed(1)} MB after ${sizes.memoryTicks} s (peak ${result.rssPeakMb.toFixed(1)} MB), ${result.polls} polls done`,
      );

    const atEnd = summarize(tsx.map((rep) => rep.rssAtEndMb));
    const peak = summarize(tsx.map((rep) => rep.rssPeakMb));
    const polls = summarize(tsx.map((rep) => rep.polls));
    const compiledAtEnd = summarize(compiled.map((rep) => rep.rssAtEndMb));
    const compiledPeak = summarize(compiled.map((rep) => rep.rssPeakMb));
    return {
      id: 'e',
      title: 'Worker memory',
      rows: [
        {
          figure: `e. worker RSS (node --import tsx), ${sizes.memorySubscriptions} subscriptions, after ${sizes.memoryTicks} ticks of 1 s`,
          value: `${formatSummary(atEnd, ' MB', 1)}; peak ${formatSummary(peak, ' MB', 1)}`,
          goal: `≤ ${GOAL_MB} MB`,
          met: atEnd.median <= GOAL_MB,
        },
        {
          figure: 'e. same, compiled build (node dist/worker.js, as npm run start:worker)',
          value: `${formatSummary(compiledAtEnd, ' MB', 1)}; peak ${formatSummary(compiledPeak, ' MB', 1)}`,
          goal: `≤ ${GOAL_MB} MB`,
          met: compiledAtEnd.median <= GOAL_MB,
        },
        {
          figure: 'e. polls one worker completed in that time',
          value: formatSummary(polls, '', 0),
          goal: '',
          met: null,
        },
      ],
      method: [
        `e: real worker processes at POLL_INTERVAL_SECONDS=${POLL_INTERVAL_SECONDS}: ${sizes.reps} run as briefed (node --import tsx src/worker.ts, the tsx loader included in the RSS) and ${sizes.reps} from a compiled build (tsc -p tsconfig.build.json into a scratch directory, node dist/worker.js). Each has ${sizes.memorySubscriptions} subscriptions over ${CHANNELS} channels made through createAlertService with cursors stored first (no baseline ticks), on its own Redis database; all run at once. VmRSS from /proc/<pid>/status sampled every second for ${sizes.memoryTicks} s after /healthz answered; polls from /metrics (tfactions_polls_total). At 1 s the token's pacing (20 requests/s) bounds the polls, see c.`,
      ],
      data: {
        subscriptions: sizes.memorySubscriptions,
        pollIntervalSeconds: POLL_INTERVAL_SECONDS,
        seconds: sizes.memoryTicks,
        rssAtEndMb: atEnd,
        rssPeakMb: peak,
        compiledRssAtEndMb: compiledAtEnd,
        compiledRssPeakMb: compiledPeak,
        pollsCompleted: polls,
        reps: tsx,
        compiledReps: compiled,
      },
    };
  } finally {
    build.remove();
    await sim.close().catch(() => undefined);
  }
}

async function runOne(
  context: BenchContext,
  sim: HcpSimulator,
  fixtures: readonly WorkspaceFixture[],
  index: number,
  compiledIn: string | undefined,
): Promise<MemoryRep> {
  const redisUrl = `${context.redis.url}/${index + 1}`;
  const setup = await startWorkerSetup(context, sim, {
    pollIntervalSeconds: POLL_INTERVAL_SECONDS,
    redisUrl,
    ...(compiledIn ? { compiledIn } : {}),
  });
  try {
    const cursorMs = Date.parse(sim.now()) - 600_000;
    // Stored cursors: 1,000 baselines would take the token's whole budget for a minute and a half.
    await mapConcurrently(fixtures, 16, (fixture, n) =>
      setup.subscribeFrom(channelId('e', index, n % CHANNELS), workspaceOf(fixture), cursorMs),
    );
    const worker = await setup.startWorker();
    return await sample(worker, context.sizes.memoryTicks);
  } finally {
    await setup.close();
  }
}

async function sample(worker: RunningChild, seconds: number): Promise<MemoryRep> {
  const samplesMb: number[] = [];
  for (let second = 0; second < seconds; second++) {
    await sleep(1000);
    const rss = worker.rssMb();
    if (rss === null) throw new Error(`cannot read the worker's RSS:\n${worker.recentOutput()}`);
    samplesMb.push(Math.round(rss * 10) / 10);
  }
  return {
    rssAtEndMb: samplesMb.at(-1) ?? Number.NaN,
    rssPeakMb: Math.max(...samplesMb),
    polls: await pollsDone(worker.port),
    samplesMb,
  };
}

async function pollsDone(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await response.text();
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^tfactions_polls_total\{[^}]*\}\s+([0-9.e+]+)$/.exec(line);
    if (match) total += Number(match[1]);
  }
  return total;
}
