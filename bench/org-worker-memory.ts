/** j. Resident memory of the compiled worker watching one `bigorg/*` subscription over the whole organization. */
import type { HcpSimulator, SimAction } from '../test/support/hcp-simulator/index.js';
import { buildCompiled } from './compiled-build.js';
import { sleep } from './harness.js';
import { pickDistinct, seededRandom } from './random.js';
import type { BenchContext } from './types.js';
import { startWorkerSetup } from './worker-setup.js';

const SECONDS = 25;
const RUNS_PER_SECOND = 5;
/** A Redis database of its own (figure e uses the first few). */
const DATABASE = 12;

export interface OrgWorkerMemory {
  rssAtEndMb: number;
  rssPeakMb: number;
  samplesMb: number[];
}

/** The worker at POLL_INTERVAL_SECONDS=1 while runs (half failing) keep arriving in random workspaces. */
export async function measureOrgWorkerMemory(
  context: BenchContext,
  sim: HcpSimulator,
  organization: string,
  actions: readonly SimAction[],
): Promise<OrgWorkerMemory> {
  const build = await buildCompiled(context.repoRoot);
  const setup = await startWorkerSetup(context, sim, {
    pollIntervalSeconds: 1,
    redisUrl: `${context.redis.url}/${DATABASE}`,
    compiledIn: build.dir,
  });
  try {
    await setup.service.subscribeOrganization({
      channelId: 'CBORGRSS',
      scope: { organization, projects: [], tags: [] },
      filters: {},
      userId: 'UBENCH',
    });
    const worker = await setup.startWorker();
    const random = seededRandom(99);
    const samplesMb: number[] = [];
    for (let second = 0; second < SECONDS; second++) {
      context.checkAborted();
      for (const action of pickDistinct(actions, RUNS_PER_SECOND, random)) {
        const run = sim.organizations.addRun({ workspaceId: action.workspaceId, status: 'applied' });
        sim.addInvocation({
          actionId: action.id,
          runId: run.id,
          finalStatus: random() < 0.5 ? 'failed' : 'successful',
          method: 'lifecycle',
        });
      }
      await sleep(1000);
      const rss = worker.rssMb();
      if (rss === null) throw new Error(`cannot read the worker's RSS:\n${worker.recentOutput()}`);
      samplesMb.push(Math.round(rss * 10) / 10);
    }
    return { rssAtEndMb: samplesMb.at(-1) ?? Number.NaN, rssPeakMb: Math.max(...samplesMb), samplesMb };
  } finally {
    await setup.close();
    build.remove();
  }
}
