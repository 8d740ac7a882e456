/** d. From a failure appearing in HCP Terraform to its alert arriving in Slack, through the real worker. */
import type { Workspace } from '../src/hcp/types.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { channelId, sleep, until } from './harness.js';
import { firstSummaryRead, pollGaps, requestRate } from './sim-requests.js';
import { firstPostMentioning, postsTo } from './standin-posts.js';
import { formatSummary, percentile, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';
import { startWorkerSetup, type WorkerSetup } from './worker-setup.js';

const POLL_INTERVAL_SECONDS = 1;
const ACTIONS_PER_WORKSPACE = 3;
const GOAL_MS = (POLL_INTERVAL_SECONDS + 1) * 1000;
const ARRIVAL_TIMEOUT_MS = 30_000;

interface Injected {
  channel: string;
  actionId: string;
  runId: string;
  at: number;
}

interface LatencyRep {
  latenciesMs: number[];
  /** Failure added -> the poll's first run-summary request for its action. */
  detectMs: number[];
  /** That request -> the post at the stand-in. */
  deliverMs: number[];
  /** Time between two polls of one subscription (its workspace listings). */
  pollGapsMs: number[];
  /** HCP requests per second the worker sent while failures were being added and alerted. */
  hcpPerSecond: number;
  lost: number;
}

export async function measureAlertLatency(context: BenchContext): Promise<FigureResult> {
  const { sizes } = context;
  const sim = await startHcpSimulator({ token: 'bench-alert-token' });
  const setup = await startWorkerSetup(context, sim, { pollIntervalSeconds: POLL_INTERVAL_SECONDS });
  try {
    await setup.startWorker();
    const reps: LatencyRep[] = [];
    for (let rep = 0; rep < sizes.reps; rep++) {
      context.checkAborted();
      const result = await runRepetition(context, sim, setup, rep);
      reps.push(result);
      const { latenciesMs } = result;
      context.log(
        `  d: repetition ${rep + 1}: p50 ${percentile(latenciesMs, 50).toFixed(0)} ms, p99 ${percentile(latenciesMs, 99).toFixed(0)} ms, ${result.lost} missing`,
      );
    }

    const p50 = summarize(reps.map((rep) => percentile(rep.latenciesMs, 50)));
    const p99 = summarize(reps.map((rep) => percentile(rep.latenciesMs, 99)));
    const lost = reps.reduce((sum, rep) => sum + rep.lost, 0);
    const gapP50 = summarize(reps.map((rep) => percentile(rep.pollGapsMs, 50)));
    const gapP99 = summarize(reps.map((rep) => percentile(rep.pollGapsMs, 99)));
    const detect = summarize(reps.map((rep) => percentile(rep.detectMs, 50)));
    const hcpRate = summarize(reps.map((rep) => rep.hcpPerSecond));
    return {
      id: 'd',
      title: 'Alert latency',
      rows: [
        {
          figure: `d. alert latency p50 (${sizes.alertFailures} failures, ${POLL_INTERVAL_SECONDS} s interval)`,
          value: formatSummary(p50, ' ms', 0),
          goal: '',
          met: null,
        },
        {
          figure: 'd. alert latency p99; failures not alerted',
          value: `${formatSummary(p99, ' ms', 0)}; ${lost}`,
          goal: `≤ ${GOAL_MS} ms; 0`,
          met: p99.median <= GOAL_MS && lost === 0,
        },
        {
          figure: 'd. (why) time to the poll that sees it p50; real tick period p50 / p99; HCP requests/s',
          value: `${formatSummary(detect, ' ms', 0)}; ${formatSummary(gapP50, ' ms', 0)} / ${formatSummary(gapP99, ' ms', 0)}; ${formatSummary(hcpRate, '/s', 1)}`,
          goal: '',
          met: null,
        },
      ],
      method: [
        `d: real worker process (node --import tsx src/worker.ts, POLL_INTERVAL_SECONDS=${POLL_INTERVAL_SECONDS}); subscriptions made with createAlertService(...).subscribe in the bench (same Redis, prefix tfa:). ${sizes.alertFailures} failed runs per repetition, one every ${sizes.alertSpacingMs} ms, round-robin over ${sizes.alertChannels} workspaces each subscribed by its own channel, so a channel gets one failure every ${(sizes.alertChannels * sizes.alertSpacingMs) / 1000} s and the 1 message/s/channel pacing does not add to the latency. Latency = stand-in arrival of the chat.postMessage naming the run − the moment the bench added the failed invocation (one clock). The (why) row comes from the simulator's request log: the first run-summary read of the failed action, the gaps between two listings of one workspace (the real tick period) and the worker's HCP request rate next to its pacer's 20/s.`,
      ],
      data: {
        pollIntervalSeconds: POLL_INTERVAL_SECONDS,
        failuresPerRep: sizes.alertFailures,
        channels: sizes.alertChannels,
        spacingMs: sizes.alertSpacingMs,
        p50Ms: p50,
        p99Ms: p99,
        detectP50Ms: detect,
        tickPeriodP50Ms: gapP50,
        tickPeriodP99Ms: gapP99,
        hcpRequestsPerSecond: hcpRate,
        lost,
        reps: reps.map((rep) => ({
          p50: percentile(rep.latenciesMs, 50),
          p99: percentile(rep.latenciesMs, 99),
          max: Math.max(...rep.latenciesMs),
          detectP50: percentile(rep.detectMs, 50),
          detectMax: Math.max(...rep.detectMs),
          deliverP50: percentile(rep.deliverMs, 50),
          deliverMax: Math.max(...rep.deliverMs),
          pollGapP50: percentile(rep.pollGapsMs, 50),
          pollGapP99: percentile(rep.pollGapsMs, 99),
          hcpPerSecond: rep.hcpPerSecond,
          lost: rep.lost,
        })),
      },
    };
  } finally {
    await setup.close();
    await sim.close().catch(() => undefined);
  }
}

/** Fresh workspaces and channels, subscribed and baselined; failures added one by one; arrivals timed. */
async function runRepetition(
  context: BenchContext,
  sim: HcpSimulator,
  setup: WorkerSetup,
  rep: number,
): Promise<LatencyRep> {
  const { sizes, standin } = context;
  const targets = Array.from({ length: sizes.alertChannels }, (_v, index) => {
    const ws = sim.addWorkspace({ name: `alert-${rep}-${index}`, organization: 'bench' });
    const workspace: Workspace = { id: ws.id, name: ws.name, organization: ws.organization };
    const actions = Array.from({ length: ACTIONS_PER_WORKSPACE }, (_a, a) =>
      sim.addAction({
        workspaceId: ws.id,
        address: `action.aws_lambda_invoke.alert_${rep}_${index}_${a}`,
      }),
    );
    return { channel: channelId('d', rep, index), workspace, actions };
  });
  const subscriptions = await Promise.all(
    targets.map((target) => setup.subscribeAndBaseline(target.channel, target.workspace, 30_000)),
  );

  const injected: Injected[] = [];
  for (let i = 0; i < sizes.alertFailures; i++) {
    const target = targets[i % targets.length];
    if (!target) continue;
    const action = target.actions[Math.floor(i / targets.length) % ACTIONS_PER_WORKSPACE] as SimAction;
    const run = sim.addRun({ workspaceId: target.workspace.id });
    sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'bench' });
    injected.push({ channel: target.channel, actionId: action.id, runId: run.id, at: Date.now() });
    await sleep(sizes.alertSpacingMs);
  }
  const arrivalOf = (failure: Injected) =>
    firstPostMentioning(postsTo(standin, failure.channel), failure.runId)?.at;
  await until(() => injected.every((failure) => arrivalOf(failure) !== undefined), ARRIVAL_TIMEOUT_MS, 100);
  const timings = injected.flatMap((failure) => {
    const arrived = arrivalOf(failure);
    if (arrived === undefined) return [];
    const detected = firstSummaryRead(sim.requests, failure) ?? arrived;
    return [{ latency: arrived - failure.at, detect: detected - failure.at, deliver: arrived - detected }];
  });
  const latenciesMs = timings.map((timing) => timing.latency);
  const result: LatencyRep = {
    latenciesMs,
    detectMs: timings.map((timing) => timing.detect),
    deliverMs: timings.map((timing) => timing.deliver),
    hcpPerSecond: requestRate(sim.requests, injected[0]?.at ?? 0, Date.now()),
    pollGapsMs: pollGaps(
      sim.requests,
      targets.map((target) => target.workspace.id),
      injected[0]?.at ?? 0,
    ),
    lost: injected.length - latenciesMs.length,
  };
  await Promise.all(
    subscriptions.map((subscription) =>
      setup.service.unsubscribe(subscription.channelId, subscription.workspaceId),
    ),
  );
  return result;
}
