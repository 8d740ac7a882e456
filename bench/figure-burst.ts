/** f. Many failures in one run for one channel: grouped messages, paced, none lost. */
import { startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { channelId, until } from './harness.js';
import { mentions, postsTo } from './standin-posts.js';
import { formatSummary, maxInWindow, summarize } from './stats.js';
import type { BenchContext, FigureResult } from './types.js';
import { startWorkerSetup } from './worker-setup.js';

const POLL_INTERVAL_SECONDS = 1;
const GOAL_PER_SECOND = 1;

interface BurstRep {
  messages: number;
  maxPerSecond: number;
  lost: number;
  firstPostAfterMs: number;
  lastPostAfterMs: number;
  meanPerSecond: number;
}

export async function measureBurst(context: BenchContext): Promise<FigureResult> {
  const { sizes, standin } = context;
  const sim = await startHcpSimulator({ token: 'bench-burst-token' });
  const setup = await startWorkerSetup(context, sim, { pollIntervalSeconds: POLL_INTERVAL_SECONDS });
  try {
    await setup.startWorker();
    const reps: BurstRep[] = [];
    for (let rep = 0; rep < sizes.reps; rep++) {
      context.checkAborted();
      const ws = sim.addWorkspace({ name: `burst-${rep}`, organization: 'bench' });
      const addresses = Array.from(
        { length: sizes.burstFailures },
        (_v, i) => `action.aws_lambda_invoke.burst${rep}_${String(i).padStart(4, '0')}`,
      );
      const actions = addresses.map((address) => sim.addAction({ workspaceId: ws.id, address }));
      const channel = channelId('f', rep, 0);
      // The cursor is stored before the scheduler starts: a baseline of hundreds of actions is not this figure.
      const subscription = await setup.subscribeFrom(
        channel,
        { id: ws.id, name: ws.name, organization: ws.organization },
        Date.parse(sim.now()) - 60_000,
      );

      const run = sim.addRun({ workspaceId: ws.id });
      for (const action of actions)
        sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'bench' });
      const injectedAt = Date.now();
      const allPosted = () => {
        const posts = postsTo(standin, channel);
        return addresses.every((address) => posts.some((post) => mentions(post, address)));
      };
      await until(allPosted, 60_000 + sizes.burstFailures * 100, 250);
      const posts = postsTo(standin, channel);
      const times = posts.map((post) => post.at);
      const lost = addresses.filter((address) => !posts.some((post) => mentions(post, address))).length;
      const first = Math.min(...times);
      const last = Math.max(...times);
      reps.push({
        messages: posts.length,
        maxPerSecond: maxInWindow(times, 1000),
        lost,
        firstPostAfterMs: first - injectedAt,
        lastPostAfterMs: last - injectedAt,
        meanPerSecond: posts.length > 1 ? (posts.length - 1) / ((last - first) / 1000) : Number.NaN,
      });
      context.log(
        `  f: repetition ${rep + 1}: ${posts.length} messages, at most ${maxInWindow(times, 1000)} in any second, ${lost} lost`,
      );
      await setup.service.unsubscribe(subscription.channelId, subscription.workspaceId);
    }

    const messages = summarize(reps.map((rep) => rep.messages));
    const peak = summarize(reps.map((rep) => rep.maxPerSecond));
    const lost = reps.reduce((sum, rep) => sum + rep.lost, 0);
    const mean = summarize(reps.map((rep) => rep.meanPerSecond));
    const lastAfter = summarize(reps.map((rep) => rep.lastPostAfterMs / 1000));
    return {
      id: 'f',
      title: 'Burst',
      rows: [
        {
          figure: `f. burst of ${sizes.burstFailures} failures in one run, one channel: messages posted`,
          value: `${formatSummary(messages, '', 0)}; last one ${formatSummary(lastAfter, ' s', 1)} after the run failed`,
          goal: '',
          met: null,
        },
        {
          figure: 'f. most messages in any 1 s window; mean rate',
          value: `${formatSummary(peak, '', 0)}; ${formatSummary(mean, '/s', 2)}`,
          goal: `≤ ${GOAL_PER_SECOND}/s`,
          met: peak.max <= GOAL_PER_SECOND,
        },
        {
          figure: 'f. failures lost',
          value: String(lost),
          goal: '0',
          met: lost === 0,
        },
      ],
      method: [
        `f: real worker process at POLL_INTERVAL_SECONDS=${POLL_INTERVAL_SECONDS}; one subscription (cursor stored first, so no baseline tick), then one run in which ${sizes.burstFailures} actions fail at once. Windows are taken over the stand-in's arrival times (\`at\`) of top-level chat.postMessage calls; a failure counts as delivered when its action address appears in a posted message.`,
      ],
      data: {
        failures: sizes.burstFailures,
        messagesPosted: messages,
        maxMessagesInAnySecond: peak,
        meanMessagesPerSecond: mean,
        lastPostAfterSeconds: lastAfter,
        lost,
        reps,
      },
    };
  } finally {
    await setup.close();
    await sim.close().catch(() => undefined);
  }
}
