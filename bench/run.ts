/**
 * `npm run bench` (-- --quick for smaller sizes, -- --only=a,c for some figures): the performance figures of
 * tfactions against the HCP simulator, the Slack stand-in and a private redis-server. Prints a table, writes
 * bench/results.json and, after a full run of every figure, the README's Performance section.
 */
import { join } from 'node:path';
import {
  type RedisServerHandle,
  redisServerAvailable,
  startRedisServer,
} from '../test/support/redis-server.js';
import { type SlackStandin, startSlackStandin } from '../test/support/slack-standin/index.js';
import { ChildRegistry } from './children.js';
import { measureAckLatency } from './figure-ack.js';
import { measureAlertLatency } from './figure-alert-latency.js';
import { measureBurst } from './figure-burst.js';
import { measureCapacity } from './figure-capacity.js';
import { measureErrorTextCost } from './figure-error-text.js';
import { measureMemory } from './figure-memory.js';
import { measureOrganization } from './figure-organization.js';
import { measurePollCost } from './figure-poll-cost.js';
import { measureSharedRateLimit } from './figure-shared-rate.js';
import { measureWebhookAlerts } from './figure-webhook.js';
import { flushRedis } from './harness.js';
import { describeMachine, machineLine } from './machine.js';
import { buildResults, renderTable, updateReadme, writeResults } from './report.js';
import { sizesFor } from './sizes.js';
import type { BenchContext, DeferredFigure, FigureId, FigureResult } from './types.js';

const REPO_ROOT = join(import.meta.dirname, '..');
const FIGURES: Record<FigureId, (context: BenchContext) => Promise<FigureResult | DeferredFigure>> = {
  a: measureAckLatency,
  b: measurePollCost,
  c: measureCapacity,
  d: measureAlertLatency,
  e: measureMemory,
  f: measureBurst,
  g: measureSharedRateLimit,
  h: measureWebhookAlerts,
  i: measureErrorTextCost,
  j: measureOrganization,
};
/**
 * The order figures run in. a's late answers are awaited while b, c and e run (counts, a paced rate and
 * memory, none of which a waiting web process disturbs); d and f time deliveries, so they get a quiet machine.
 */
const RUN_ORDER: readonly FigureId[] = ['a', 'b', 'c', 'e', 'd', 'f', 'g', 'h', 'i', 'j'];
const NEEDS_QUIET: ReadonlySet<FigureId> = new Set(['d', 'f', 'g', 'h']);

class Interrupted extends Error {}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const selected = RUN_ORDER.filter((id) => only === undefined || only.split(',').includes(id));
  if (!redisServerAvailable()) {
    process.stderr.write('The bench needs redis-server on PATH (e.g. apt-get install redis-server).\n');
    return 1;
  }

  const sizes = sizesFor(quick);
  const machine = describeMachine();
  const startedAt = new Date();
  const children = new ChildRegistry(REPO_ROOT);
  let interrupted = false;
  let redis: RedisServerHandle | undefined;
  let standin: SlackStandin | undefined;

  const cleanUp = async () => {
    await children.stopAll();
    await standin?.close().catch(() => undefined);
    await redis?.stop().catch(() => undefined);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      children.killAllNow();
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the bench and every process it started...\n`);
    cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => children.killAllNow());

  process.stdout.write(
    `tfactions bench (${quick ? 'quick' : 'full'}): ${machineLine(machine)}\nfigures: ${selected.join(', ')}\n`,
  );
  redis = await startRedisServer();
  standin = await startSlackStandin();
  const context: BenchContext = {
    sizes,
    redis,
    standin,
    children,
    signingSecret: 'bench-signing-secret',
    repoRoot: REPO_ROOT,
    log: (line) => process.stdout.write(`${line}\n`),
    checkAborted: () => {
      if (interrupted) throw new Interrupted('interrupted');
    },
  };

  const results: FigureResult[] = [];
  const errors: Record<string, string> = {};
  const deferred: DeferredFigure[] = [];
  const failed = (id: FigureId, error: unknown) => {
    if (error instanceof Interrupted || interrupted) throw error;
    errors[id] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.log(`figure ${id} failed: ${errors[id]}`);
  };
  const finishDeferred = async () => {
    for (const figure of deferred.splice(0)) {
      context.log(`figure ${figure.id}: waiting for its last answers...`);
      try {
        results.push(await figure.finish());
      } catch (error) {
        failed(figure.id, error);
      }
    }
  };
  try {
    for (const id of selected) {
      context.checkAborted();
      if (NEEDS_QUIET.has(id)) await finishDeferred();
      const started = Date.now();
      context.log(`figure ${id}...`);
      // A web process still waiting on a's answers keeps nothing in Redis that a flush could take away.
      await flushRedis(redis.url);
      try {
        const outcome = await FIGURES[id](context);
        if ('finish' in outcome) deferred.push(outcome);
        else results.push(outcome);
      } catch (error) {
        failed(id, error);
      }
      context.log(`figure ${id} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await finishDeferred();
  } catch (error) {
    if (interrupted) return 130;
    throw error;
  } finally {
    if (!interrupted) await cleanUp();
  }
  results.sort((x, y) => x.id.localeCompare(y.id));

  const summary = buildResults(machine, quick, startedAt, results, errors);
  const table = renderTable(results.flatMap((figure) => figure.rows));
  const method = results.flatMap((figure) => figure.method);
  process.stdout.write(`\n${table}\n\n${method.map((line) => `- ${line}`).join('\n')}\n`);
  process.stdout.write(`\nmachine: ${machineLine(machine)}\nduration: ${summary.durationSeconds} s\n`);
  writeResults(join(REPO_ROOT, 'bench', 'results.json'), summary);
  process.stdout.write('wrote bench/results.json\n');
  const complete = selected.length === Object.keys(FIGURES).length && Object.keys(errors).length === 0;
  if (!quick && complete) {
    updateReadme(join(REPO_ROOT, 'README.md'), summary, table, method, sizes.reps);
    process.stdout.write('updated the Performance section of README.md\n');
  }
  return Object.keys(errors).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
