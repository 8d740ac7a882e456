/**
 * h. Webhook-driven alerts: from a signed HCP notification to the alert at the stand-in, with polling at 300 s;
 * a flood of webhooks for one workspace; and webhooks dropped, caught by the next poll.
 */
import { type HcpSimulator, startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { sleep, until } from './harness.js';
import { requestRate } from './sim-requests.js';
import { firstPostMentioning, postsTo } from './standin-posts.js';
import { formatSummary, percentile, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';
import {
  addFailure,
  startWebhookStack,
  subscribedTargets,
  type Target,
  unsubscribeAll,
  type WebhookStack,
} from './webhook-stack.js';

const POLL_INTERVAL_SECONDS = 300;
/** The dropped-webhook measure needs the safety net within the run: a shorter interval, stated. */
const DROP_POLL_INTERVAL_SECONDS = 20;
const LATENCY_TARGETS = 10;
const LATENCY_FAILURES = 30;
const LATENCY_SPACING_MS = 300;
const FLOOD_WEBHOOKS = 1000;
const FLOOD_SECONDS = 10;
const FLOOD_BATCHES = 100;
const DROP_FAILURES = 10;
const DROP_EVERY = 5;
const P50_GOAL_MS = 1500;
const P99_GOAL_MS = 3000;

interface Sent {
  channel: string;
  runId: string;
  at: number;
}

interface LatencyRep {
  latenciesMs: number[];
  missed: number;
}

interface FloodRep {
  hcpPerSecond: number;
  rateLimited: number;
  ackP99Ms: number;
  refused: number;
  missed: number;
}

interface DropRep {
  droppedLatenciesMs: number[];
  missed: number;
}

export async function measureWebhookAlerts(context: BenchContext): Promise<FigureResult> {
  const reps = context.sizes.reps;
  const latency: LatencyRep[] = [];
  const flood: FloodRep[] = [];
  const dropped: DropRep[] = [];
  await withStack(context, POLL_INTERVAL_SECONDS, async (sim, stack) => {
    for (let rep = 0; rep < reps; rep++) {
      context.checkAborted();
      latency.push(await latencyRepetition(sim, stack, rep));
      context.log(
        `  h: repetition ${rep + 1}: p50 ${percentile(latency[rep]?.latenciesMs ?? [], 50).toFixed(0)} ms, p99 ${percentile(latency[rep]?.latenciesMs ?? [], 99).toFixed(0)} ms`,
      );
      flood.push(await floodRepetition(sim, stack, rep));
      context.log(
        `  h: flood ${rep + 1}: ${flood[rep]?.hcpPerSecond.toFixed(1)} HCP requests/s, ack p99 ${flood[rep]?.ackP99Ms.toFixed(1)} ms, ${flood[rep]?.rateLimited} x 429`,
      );
    }
  });
  await withStack(context, DROP_POLL_INTERVAL_SECONDS, async (sim, stack) => {
    for (let rep = 0; rep < reps; rep++) {
      context.checkAborted();
      dropped.push(await dropRepetition(sim, stack, rep));
      context.log(
        `  h: dropped ${rep + 1}: slowest dropped one ${Math.max(...(dropped[rep]?.droppedLatenciesMs ?? [0])).toFixed(0)} ms, ${dropped[rep]?.missed} missing`,
      );
    }
  });

  const p50 = summarize(latency.map((rep) => percentile(rep.latenciesMs, 50)));
  const p99 = summarize(latency.map((rep) => percentile(rep.latenciesMs, 99)));
  const missed = latency.reduce((sum, rep) => sum + rep.missed, 0);
  const floodRate = summarize(flood.map((rep) => rep.hcpPerSecond));
  const floodAck = summarize(flood.map((rep) => rep.ackP99Ms));
  const rateLimited = flood.reduce((sum, rep) => sum + rep.rateLimited, 0);
  const floodMissed = flood.reduce((sum, rep) => sum + rep.missed + rep.refused, 0);
  const dropMax = summarize(dropped.map((rep) => Math.max(...rep.droppedLatenciesMs)));
  const dropMissed = dropped.reduce((sum, rep) => sum + rep.missed, 0);
  return {
    id: 'h',
    title: 'Webhook-driven alerts',
    rows: [
      {
        figure: `h. webhook-driven alert latency p50 / p99 (${POLL_INTERVAL_SECONDS} s interval)`,
        value: `${formatSummary(p50, ' ms', 0)} / ${formatSummary(p99, ' ms', 0)}`,
        goal: `≤ ${P50_GOAL_MS} / ≤ ${P99_GOAL_MS} ms`,
        met: p50.median <= P50_GOAL_MS && p99.median <= P99_GOAL_MS,
      },
      { figure: 'h. failures missed', value: String(missed), goal: '0', met: missed === 0 },
      {
        figure: `h. flood of ${FLOOD_WEBHOOKS} webhooks for one workspace in ${FLOOD_SECONDS} s: HCP requests/s; 429s; web ack p99`,
        value: `${formatSummary(floodRate, '/s', 1)}; ${rateLimited}; ${formatSummary(floodAck, ' ms', 1)}`,
        goal: 'stated; 0; stated',
        met: rateLimited === 0 && floodMissed === 0,
      },
      {
        figure: `h. ${100 / DROP_EVERY}% of webhooks dropped (${DROP_POLL_INTERVAL_SECONDS} s interval): slowest dropped failure; missed`,
        value: `${formatSummary(dropMax, ' ms', 0)}; ${dropMissed}`,
        goal: `≤ ${DROP_POLL_INTERVAL_SECONDS + 2} s; 0`,
        met: dropMissed === 0 && dropMax.median <= (DROP_POLL_INTERVAL_SECONDS + 2) * 1000,
      },
    ],
    method: [
      `h: real web (src/web.ts, HCP_NOTIFICATION_TOKEN set) and worker (src/worker.ts) processes at POLL_INTERVAL_SECONDS=${POLL_INTERVAL_SECONDS}; subscriptions and baselines made before measuring, so no scheduled poll falls in a repetition. Latency: ${LATENCY_FAILURES} failures per repetition, one every ${LATENCY_SPACING_MS} ms over ${LATENCY_TARGETS} workspaces (one channel each); each failure is added to the simulator and a signed run:errored notification is POSTed to /hcp/notifications at once; latency = stand-in arrival of the alert naming the run − the moment before the POST (one clock). Flood: one subscribed workspace with one failure, ${FLOOD_WEBHOOKS} signed notifications in ${FLOOD_BATCHES} concurrent batches spread over ${FLOOD_SECONDS} s; HCP requests/s = simulator requests in those ${FLOOD_SECONDS} s / ${FLOOD_SECONDS}; ack = time to the HTTP answer of each POST. Dropped: a second pair of processes at POLL_INTERVAL_SECONDS=${DROP_POLL_INTERVAL_SECONDS} (shorter so the safety net shows within the run); ${DROP_FAILURES} failures, every ${DROP_EVERY}th without its webhook; the row gives the slowest of the dropped ones (bounded by the interval). Medians of ${latency.length} repetitions.`,
    ],
    data: {
      pollIntervalSeconds: POLL_INTERVAL_SECONDS,
      p50Ms: p50,
      p99Ms: p99,
      missed,
      floodHcpRequestsPerSecond: floodRate,
      floodAckP99Ms: floodAck,
      floodRateLimited: rateLimited,
      floodMissedOrRefused: floodMissed,
      dropPollIntervalSeconds: DROP_POLL_INTERVAL_SECONDS,
      droppedSlowestMs: dropMax,
      droppedMissed: dropMissed,
    },
  };
}

async function withStack(
  context: BenchContext,
  pollIntervalSeconds: number,
  measure: (sim: HcpSimulator, stack: WebhookStack) => Promise<void>,
): Promise<void> {
  const sim = await startHcpSimulator({ token: `bench-webhook-token-${pollIntervalSeconds}` });
  try {
    const stack = await startWebhookStack(context, sim, pollIntervalSeconds);
    try {
      await measure(sim, stack);
    } finally {
      await stack.close();
    }
  } finally {
    await sim.close().catch(() => undefined);
  }
}

function arrivalOf(stack: WebhookStack, sent: Sent): number | undefined {
  return firstPostMentioning(postsTo(stack.standin, sent.channel), sent.runId)?.at;
}

/** Waits for every alert; the latencies of those that arrived (the others are missed). */
async function arrivals(stack: WebhookStack, sent: readonly Sent[], timeoutMs: number): Promise<number[]> {
  await until(() => sent.every((one) => arrivalOf(stack, one) !== undefined), timeoutMs, 100);
  return sent.flatMap((one) => {
    const at = arrivalOf(stack, one);
    return at === undefined ? [] : [at - one.at];
  });
}

/** A notification whose answer nobody waits for; a refused one shows as a missed alert. */
function ringAndForget(stack: WebhookStack, workspaceId: string, runId: string): void {
  stack.ring(workspaceId, runId).catch(() => undefined);
}

async function latencyRepetition(sim: HcpSimulator, stack: WebhookStack, rep: number): Promise<LatencyRep> {
  const targets = await subscribedTargets(sim, stack.setup, `l${rep}`, LATENCY_TARGETS);
  const sent: Sent[] = [];
  for (let i = 0; i < LATENCY_FAILURES; i++) {
    const target = targets[i % targets.length] as Target;
    const runId = addFailure(sim, target);
    const at = Date.now();
    ringAndForget(stack, target.workspace.id, runId);
    sent.push({ channel: target.channel, runId, at });
    await sleep(LATENCY_SPACING_MS);
  }
  const latenciesMs = await arrivals(stack, sent, 30_000);
  await unsubscribeAll(stack.setup, targets);
  return { latenciesMs, missed: sent.length - latenciesMs.length };
}

async function floodRepetition(sim: HcpSimulator, stack: WebhookStack, rep: number): Promise<FloodRep> {
  const [target] = await subscribedTargets(sim, stack.setup, `f${rep}`, 1);
  if (!target) throw new Error('no flood target');
  const runId = addFailure(sim, target);
  const rateLimitedBefore = sim.rateLimitedCount;
  const started = Date.now();
  const perBatch = FLOOD_WEBHOOKS / FLOOD_BATCHES;
  const batchGapMs = (FLOOD_SECONDS * 1000) / FLOOD_BATCHES;
  const answers: Promise<{ status: number; ackMs: number }>[] = [];
  for (let batch = 0; batch < FLOOD_BATCHES; batch++) {
    for (let i = 0; i < perBatch; i++) {
      const sentAt = performance.now();
      answers.push(
        stack.ring(target.workspace.id, runId).then(
          (answer) => ({ status: answer.status, ackMs: performance.now() - sentAt }),
          () => ({ status: 0, ackMs: performance.now() - sentAt }),
        ),
      );
    }
    await sleep(Math.max(0, started + (batch + 1) * batchGapMs - Date.now()));
  }
  const acked = await Promise.all(answers);
  const ended = started + FLOOD_SECONDS * 1000;
  const hcpPerSecond = requestRate(sim.requests, started, ended);
  const latencies = await arrivals(stack, [{ channel: target.channel, runId, at: started }], 30_000);
  await unsubscribeAll(stack.setup, [target]);
  return {
    hcpPerSecond,
    rateLimited: sim.rateLimitedCount - rateLimitedBefore,
    ackP99Ms: percentile(
      acked.map((answer) => answer.ackMs),
      99,
    ),
    refused: acked.filter((answer) => answer.status !== 200).length,
    missed: 1 - latencies.length,
  };
}

async function dropRepetition(sim: HcpSimulator, stack: WebhookStack, rep: number): Promise<DropRep> {
  const targets = await subscribedTargets(sim, stack.setup, `d${rep}`, DROP_FAILURES);
  const dropped: Sent[] = [];
  const delivered: Sent[] = [];
  for (const [index, target] of targets.entries()) {
    const runId = addFailure(sim, target);
    const one = { channel: target.channel, runId, at: Date.now() };
    if ((index + 1) % DROP_EVERY === 0) dropped.push(one);
    else {
      delivered.push(one);
      ringAndForget(stack, target.workspace.id, runId);
    }
  }
  const timeoutMs = (DROP_POLL_INTERVAL_SECONDS + 15) * 1000;
  const droppedLatenciesMs = await arrivals(stack, dropped, timeoutMs);
  const deliveredLatencies = await arrivals(stack, delivered, timeoutMs);
  await unsubscribeAll(stack.setup, targets);
  return {
    droppedLatenciesMs,
    missed: dropped.length - droppedLatenciesMs.length + delivered.length - deliveredLatencies.length,
  };
}
