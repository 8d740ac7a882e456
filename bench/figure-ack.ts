/** a. Slash command ack latency of the real web process while HCP Terraform answers slowly. */
import { type HcpSimulator, startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { freePort } from '../test/support/redis-server.js';
import type { RunningChild } from './children.js';
import { processEnv, until } from './harness.js';
import { SignedPoster } from './signed-post.js';
import { ackTimes, measureClientFloor, type Sent, sendConcurrently, WARM_UP_ROUNDS } from './slash-load.js';
import { formatSummary, percentile, summarize } from './stats.js';
import type { BenchContext, DeferredFigure, FigureResult } from './types.js';

const ACK_GOAL_P99_MS = 50;
const SLACK_ACK_LIMIT_MS = 3000;
/** Sequential `runs` commands (HCP answering at once) that warm the measured code path. */
const WARM_UP_RUNS = 20;

/**
 * Sends the commands and measures the acks, then hands back the rest: waiting for the answers on the
 * response_urls takes tens of seconds of HCP latency and retries, and other figures may run meanwhile.
 */
export async function measureAckLatency(context: BenchContext): Promise<DeferredFigure> {
  const { sizes } = context;
  const floorMs = await measureClientFloor(context);
  const sim = await startHcpSimulator({ token: 'bench-ack-token' });
  let web: RunningChild | undefined;
  let poster: SignedPoster | undefined;
  const cleanUp = async () => {
    poster?.close();
    await web?.stop();
    await closeQuietly(sim);
  };
  try {
    const workspace = sim.addWorkspace({ name: 'ack', organization: 'bench' });
    const action = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.ack' });
    const run = sim.addRun({ workspaceId: workspace.id });
    sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'bench' });

    const port = await freePort();
    web = await context.children.start({
      name: 'web',
      entry: 'src/web.ts',
      env: processEnv(context, sim, { port, pollIntervalSeconds: 60 }),
      port,
    });
    const target = new SignedPoster(new URL(`http://127.0.0.1:${port}/slack/events`), context.signingSecret);
    poster = target;
    for (let round = 0; round < WARM_UP_ROUNDS; round++)
      await sendConcurrently(context, target, 'help', sizes.ackCommands, 'CBWARM');
    for (let i = 0; i < WARM_UP_RUNS; i++)
      await sendConcurrently(context, target, `runs ${action.id}`, 1, 'CBWARM');
    sim.setLatency(sizes.ackHcpLatencyMs);

    const reps: Sent[][] = [];
    for (let rep = 0; rep < sizes.reps; rep++) {
      context.checkAborted();
      reps.push(
        await sendConcurrently(context, target, `runs ${action.id}`, sizes.ackCommands, `CBACK${rep}`),
      );
      context.log(
        `  a: repetition ${rep + 1}: ${sizes.ackCommands} acks, p99 ${percentile(ackTimes(reps.at(-1) ?? []), 99).toFixed(1)} ms`,
      );
    }
    return {
      id: 'a',
      finish: async () => {
        try {
          return await collectAnswers(context, reps, run.id, floorMs);
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The answers of every repetition are awaited together: the HCP latency is waited out once. */
async function collectAnswers(
  context: BenchContext,
  reps: Sent[][],
  runId: string,
  floorMs: number[],
): Promise<FigureResult> {
  const { sizes, standin } = context;
  const all = reps.flat();
  // Up to three attempts per HCP call (each may time out), every attempt through the 20/s pacer.
  const resultWaitMs = sizes.ackHcpLatencyMs * 3 + (all.length * 2 * 3 * 1000) / 20 + 60_000;
  await until(() => all.every((sent) => standin.responses(sent.responseUrl).length > 0), resultWaitMs, 200);
  const delivered = all.filter((sent) => standin.responses(sent.responseUrl).length > 0);
  const withResult = delivered.filter((sent) =>
    standin.responses(sent.responseUrl).some((response) => JSON.stringify(response.body).includes(runId)),
  );
  const deliveryMs = delivered.map((sent) => {
    const first = standin.responses(sent.responseUrl)[0];
    return (first?.at ?? sent.sentAt) - sent.sentAt;
  });

  const p50 = summarize(reps.map((rep) => percentile(ackTimes(rep), 50)));
  const p99 = summarize(reps.map((rep) => percentile(ackTimes(rep), 99)));
  const max = summarize(reps.map((rep) => Math.max(...ackTimes(rep))));
  const floor = summarize(floorMs);
  const slow = summarize(reps.map((rep) => rep.filter((sent) => sent.ackMs > SLACK_ACK_LIMIT_MS).length));
  const non200 = all.filter((sent) => sent.status !== 200).length;
  const lastDelivery = deliveryMs.length > 0 ? Math.max(...deliveryMs) : Number.NaN;

  return {
    id: 'a',
    title: 'Slash ack latency',
    rows: [
      {
        figure: `a. ack p50 / max (${sizes.ackCommands} concurrent)`,
        value: `${formatSummary(p50, ' ms')} / ${formatSummary(max, ' ms')}`,
        goal: '',
        met: null,
      },
      {
        figure: `a. ack p99 (${sizes.ackCommands} concurrent, HCP ${sizes.ackHcpLatencyMs / 1000} s)`,
        value: formatSummary(p99, ' ms'),
        goal: `< ${ACK_GOAL_P99_MS} ms`,
        met: p99.median < ACK_GOAL_P99_MS && non200 === 0,
      },
      {
        figure: 'a. (floor) same client against a bare node:http server, p99',
        value: formatSummary(floor, ' ms'),
        goal: '',
        met: null,
      },
      {
        figure: 'a. acks over 3 s',
        value: formatSummary(slow, '', 0),
        goal: '0',
        met: slow.max === 0,
      },
      {
        figure: 'a. commands answered on their response_url',
        value: `${delivered.length}/${all.length} (last after ${(lastDelivery / 1000).toFixed(1)} s)`,
        goal: `${all.length}/${all.length}`,
        met: delivered.length === all.length,
      },
      {
        figure: 'a. answers that carry the run summaries',
        value: `${withResult.length}/${all.length}`,
        goal: `${all.length}/${all.length}`,
        met: withResult.length === all.length,
      },
    ],
    method: [
      `a: real web process (node --import tsx src/web.ts); per repetition ${sizes.ackCommands} signed \`/tfactions runs <action>\` POSTs at once from the bench over kept-alive node:http connections, simulator latency ${sizes.ackHcpLatencyMs} ms on every request; ack = time to the HTTP response headers. Warm-up first: ${WARM_UP_ROUNDS} concurrent rounds of \`help\` and ${WARM_UP_RUNS} \`runs\` with HCP answering at once. The floor row runs the same client against a bare node:http server: the part of the ack time that is the bench's own. Answers of all repetitions are awaited together once; an answer carries the result when its response_url post names the run.`,
    ],
    data: {
      commandsPerRep: sizes.ackCommands,
      hcpLatencyMs: sizes.ackHcpLatencyMs,
      ackP50Ms: p50,
      ackP99Ms: p99,
      ackMaxMs: max,
      clientFloorP99Ms: floor,
      acksOver3s: slow,
      non200,
      results: { sent: all.length, delivered: delivered.length, withResult: withResult.length },
      otherAnswers: [
        ...new Set(
          delivered
            .filter((sent) => !withResult.includes(sent))
            .map((sent) => standin.responses(sent.responseUrl)[0]?.text ?? ''),
        ),
      ].slice(0, 3),
      resultDeliveryMs: {
        p50: percentile(deliveryMs, 50),
        max: lastDelivery,
      },
    },
  };
}

async function closeQuietly(sim: HcpSimulator): Promise<void> {
  await sim.close().catch(() => undefined);
}
