/** Shared helpers of the figures: process environment, Redis, waiting, batching and fixtures. */
import { Redis } from 'ioredis';
import { createLogger, type Logger } from '../src/logger.js';
import type { HcpSimulator, SimAction, SimWorkspace } from '../test/support/hcp-simulator/index.js';
import type { BenchContext } from './types.js';

/** The environment of a real web or worker process, as the README's "Configuration" table lists it. */
export function processEnv(
  context: BenchContext,
  sim: HcpSimulator,
  options: { port: number; pollIntervalSeconds: number; redisUrl?: string },
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: context.standin.botToken,
    SLACK_SIGNING_SECRET: context.signingSecret,
    SLACK_API_URL: context.standin.apiUrl,
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_URL: options.redisUrl ?? context.redis.url,
    // One process per port: the web reads PORT, the worker WORKER_PORT.
    PORT: String(options.port),
    WORKER_PORT: String(options.port),
    POLL_INTERVAL_SECONDS: String(options.pollIntervalSeconds),
    LOG_LEVEL: 'warn',
  };
}

/** Bench connections fail loudly through their commands; the 'error' event itself is noise while stopping. */
export function ignoreRedisError(): void {}

export async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', ignoreRedisError);
  try {
    await redis.flushall();
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** The bench's own use of library code logs only errors, to stderr. */
export function benchLogger(): Logger {
  return createLogger({
    level: 'error',
    destination: { write: (line: string) => process.stderr.write(line) },
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until the predicate holds; false when the time ran out. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/** Runs fn over items with at most `concurrency` in flight, keeping results in input order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await fn(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** A Slack channel ID unique to one figure and repetition: letters and digits only. */
export function channelId(figure: string, rep: number, index: number): string {
  return `CB${figure.toUpperCase()}${rep}X${index}`;
}

export interface WorkspaceFixture {
  workspace: SimWorkspace;
  actions: SimAction[];
}

/**
 * Workspaces with actions whose only invocations are an hour old: history, so subscriptions start idle.
 */
export function addIdleWorkspaces(
  sim: HcpSimulator,
  tag: string,
  count: number,
  actionsPerWorkspace: number,
): WorkspaceFixture[] {
  const hourAgo = new Date(Date.parse(sim.now()) - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return Array.from({ length: count }, (_v, w) => {
    const workspace = sim.addWorkspace({ name: `${tag}-ws-${w}`, organization: 'bench' });
    const actions = Array.from({ length: actionsPerWorkspace }, (_a, a) =>
      sim.addAction({
        workspaceId: workspace.id,
        address: `action.aws_lambda_invoke.${tag}_w${w}_a${a}`,
        createdAt: hourAgo,
      }),
    );
    if (actions.length > 0) {
      const run = sim.addRun({ workspaceId: workspace.id });
      for (const action of actions)
        sim.addInvocation({ actionId: action.id, runId: run.id, invokedAt: hourAgo, invokedBy: 'bench' });
    }
    return { workspace, actions };
  });
}

export function workspaceOf(fixture: WorkspaceFixture): { id: string; name: string; organization: string } {
  const { id, name, organization } = fixture.workspace;
  return { id, name, organization };
}
