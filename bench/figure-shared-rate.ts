/** g. One HCP token, a web process and two workers hammering it together: one shared bucket, no 429. */
import { startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { freePort } from '../test/support/redis-server.js';
import { slashCommandBody } from '../test/support/slack-signer.js';
import type { RunningChild } from './children.js';
import { addIdleWorkspaces, channelId, mapConcurrently, processEnv, sleep, workspaceOf } from './harness.js';
import { SignedPoster } from './signed-post.js';
import type { BenchContext, FigureResult } from './types.js';
import { startWorkerSetup } from './worker-setup.js';

/** What HCP Terraform allows a token, enforced by the simulator over any sliding second. */
const SERVER_LIMIT = 30;
const POLL_INTERVAL_SECONDS = 1;
/** Slash commands sent to the web process per second, each one HCP read. */
const COMMANDS_PER_SECOND = 40;

export async function measureSharedRateLimit(context: BenchContext): Promise<FigureResult> {
  const { sizes } = context;
  const seconds = sizes.quick ? 8 : 20;
  const workspaces = sizes.quick ? 30 : 60;
  const sim = await startHcpSimulator({ token: 'bench-shared-rate-token', rateLimitPerSecond: SERVER_LIMIT });
  const setup = await startWorkerSetup(context, sim, { pollIntervalSeconds: POLL_INTERVAL_SECONDS });
  let poster: SignedPoster | undefined;
  const processes: RunningChild[] = [];
  try {
    const fixtures = addIdleWorkspaces(sim, 'g', workspaces, 3);
    const cursor = Date.parse(sim.now()) - 60_000;
    await mapConcurrently(fixtures, 10, (fixture, index) =>
      setup.subscribeFrom(channelId('g', 0, index), workspaceOf(fixture), cursor),
    );
    const start = async (name: string, entry: string) => {
      const port = await freePort();
      const env = processEnv(context, sim, { port, pollIntervalSeconds: POLL_INTERVAL_SECONDS });
      const child = await context.children.start({ name, entry, env, port });
      processes.push(child);
      return child;
    };
    await start('worker-1', 'src/worker.ts');
    await start('worker-2', 'src/worker.ts');
    const web = await start('web', 'src/web.ts');
    poster = new SignedPoster(new URL(`http://127.0.0.1:${web.port}/slack/events`), context.signingSecret);

    const actionId = fixtures[0]?.actions[0]?.id ?? '';
    const limitedBefore = sim.rateLimitedCount;
    sim.clearRequests();
    const startedAt = Date.now();
    const sent: Promise<unknown>[] = [];
    while (Date.now() - startedAt < seconds * 1000) {
      context.checkAborted();
      for (let i = 0; i < COMMANDS_PER_SECOND / 10; i++) {
        const responseUrl = context.standin.newResponseUrl({ channelId: 'CBGWEB' });
        const body = slashCommandBody({ text: `action ${actionId}`, response_url: responseUrl });
        sent.push(
          poster
            .prepare(body)()
            .catch(() => undefined),
        );
      }
      await sleep(100);
    }
    await Promise.all(sent);
    const elapsed = (Date.now() - startedAt) / 1000;
    const peak = sim.maxRequestsInWindow(1000);
    const limited = sim.rateLimitedCount - limitedBefore;
    const total = sim.requests.length;
    context.log(
      `  g: ${total} HCP requests in ${elapsed.toFixed(1)} s, at most ${peak} in any second, ${limited} answered 429`,
    );
    return {
      id: 'g',
      title: 'Shared rate limit',
      rows: [
        {
          figure: 'g. one token, web + 2 workers hammering: HCP requests in any 1 s',
          value: String(peak),
          goal: `≤ ${SERVER_LIMIT}`,
          met: peak <= SERVER_LIMIT,
        },
        { figure: 'g. same, answered 429', value: String(limited), goal: '0', met: limited === 0 },
        {
          figure: 'g. same, mean HCP requests/s',
          value: (total / elapsed).toFixed(1),
          goal: `(bucket: 2/3 of ${SERVER_LIMIT})`,
          met: null,
        },
      ],
      method: [
        `g: simulator enforcing ${SERVER_LIMIT} requests in any sliding second (429 beyond); one web process (node --import tsx src/web.ts) and two worker processes, all on one token and one Redis. The workers poll ${workspaces} subscribed workspaces of 3 actions each every ${POLL_INTERVAL_SECONDS} s (about ${workspaces * 4} reads/s demanded); the bench sends ${COMMANDS_PER_SECOND} signed \`/tfactions action\` commands/s to the web process, each one HCP read, for ${seconds} s. Peak = most requests the simulator received within any 1 s window (429s included).`,
      ],
      data: { seconds: elapsed, peak, limited, total, workspaces },
    };
  } finally {
    poster?.close();
    await setup.close();
    await Promise.all(processes.map((child) => child.stop()));
    await sim.close();
  }
}
