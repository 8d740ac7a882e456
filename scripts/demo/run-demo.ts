import { fileURLToPath } from 'node:url';
import { startHcpSimulator } from '../../test/support/hcp-simulator/index.js';
import { startSlackStandin } from '../../test/support/slack-standin/index.js';
import { BotProcesses, DEMO_NOTIFICATION_TOKEN, waitHealthy } from './bot.js';
import { removeLeftoverSubscriptions } from './leftovers.js';
import { runOngoingScenario } from './ongoing.js';
import { checkOutcome } from './outcome.js';
import { Narrator, reportOutcome } from './output.js';
import { Supervisor } from './processes.js';
import { DemoSetupError, provideRedis } from './redis.js';
import { playScenario } from './scenario.js';
import { type DemoChannel, SlackUser } from './slack-user.js';
import { Deadline } from './timing.js';
import type { DemoHandle, DemoOptions, DemoOutcome } from './types.js';
import { demoWebhooks } from './webhook-step.js';
import { buildWorld, describeWorld, seedHistory } from './world.js';

export { DemoSetupError } from './redis.js';
export type { DemoHandle, DemoOptions, DemoOutcome } from './types.js';

/** runDemo was stopped through options.signal (Ctrl-C) before it finished. */
export class DemoAbortedError extends Error {
  constructor() {
    super('the demo was stopped');
    this.name = 'DemoAbortedError';
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIGNING_SECRET = 'tfactions-demo-signing-secret';
const TFE_TOKEN = 'tfactions-demo-hcp-token';
const CHANNEL: DemoChannel = { id: 'C0PLATFORM', name: 'platform-alerts' };
const USER = { id: 'U0PATPLATF', name: 'pat.platform' };
const DEFAULT_BUDGET_MS = 115_000;
const HEALTHZ_TIMEOUT_MS = 60_000;
const STEP_PAUSE_MS = 3_000;

type Closer = () => Promise<void>;

/**
 * The whole bot offline: HCP simulator, Slack stand-in, Redis, and the real web and worker processes; then
 * the scripted scenario. Resolves once the scenario has played (and, with once, been checked).
 */
export async function runDemo(options: DemoOptions): Promise<DemoHandle> {
  const started = Date.now();
  const print = options.print ?? true;
  const narrator = Narrator.forTerminal(print);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = options.once ? Deadline.after(budgetMs) : Deadline.never();
  const abort = new AbortController();
  const closers: Closer[] = [];
  const failures: string[] = [];
  let closing: Promise<void> = Promise.resolve();
  const close = (): Promise<void> => {
    abort.abort();
    // Chained: a close() during another one waits for it and then closes whatever was started since.
    closing = closing.then(() => closeAll(closers));
    return closing;
  };
  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new DemoAbortedError();
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  try {
    stopIfAborted();
    narrator.banner([
      'tfactions offline demo',
      'A simulated HCP Terraform, a local stand-in for Slack, and the real web and worker processes.',
    ]);
    const redis = await provideRedis(
      { throwawayUrl: options.redisUrl, userUrl: process.env.REDIS_URL },
      REPO_ROOT,
      narrator,
    );
    closers.push(() => redis.stop());
    stopIfAborted();
    const sim = await startHcpSimulator({ token: TFE_TOKEN });
    closers.push(() => sim.close());
    const standin = await startSlackStandin({ print, channelNames: { [CHANNEL.id]: CHANNEL.name } });
    closers.push(() => standin.close());
    const world = buildWorld(sim);
    const oldFailure = seedHistory(sim, world);
    narrator.info(`HCP Terraform (simulated at ${sim.address}): organization acme, weeks of action history`);
    narrator.raw(`${describeWorld(world).join('\n')}\n`);

    stopIfAborted();
    const supervisor = new Supervisor((line) => narrator.raw(`${line}\n`));
    closers.push(() => supervisor.stopAll());
    supervisor.onUnexpectedExit((exit) => {
      const output = supervisor.recentOutput(exit.name).join('\n') || '(none)';
      failures.push(
        `the ${exit.name} process exited (${exit.signal ?? `code ${exit.code}`}); its last output:\n${output}`,
      );
      abort.abort();
    });
    const bot = new BotProcesses(supervisor, REPO_ROOT, {
      slackBotToken: standin.botToken,
      slackApiUrl: standin.apiUrl,
      signingSecret: SIGNING_SECRET,
      tfeToken: sim.token,
      tfeAddress: sim.address,
      redisUrl: redis.url,
    });
    const webUrl = await bot.startWeb();
    // On a shared Redis the worker waits until the leftovers of earlier runs are gone (see below).
    if (redis.private) await bot.startWorker();
    narrator.info(
      `Started the web process${redis.private ? ' and the worker' : ''}; waiting for ${webUrl}/healthz...`,
    );
    const up = await waitHealthy(webUrl, deadline.cap(HEALTHZ_TIMEOUT_MS), abort.signal);
    stopIfAborted();
    if (!up)
      throw new DemoSetupError(
        failures[0] ??
          `the web process did not answer /healthz within ${HEALTHZ_TIMEOUT_MS / 1000} s; its last output:\n${supervisor.recentOutput('web').join('\n') || '(none)'}`,
      );
    narrator.good('web is healthy');

    const user = new SlackUser(standin, `${webUrl}/slack/events`, SIGNING_SECRET, USER, CHANNEL);
    if (!redis.private) {
      await removeLeftoverSubscriptions(user, narrator);
      await bot.startWorker();
    }
    const webhooks = demoWebhooks(webUrl, DEMO_NOTIFICATION_TOKEN, (seconds) => bot.restartWorker(seconds));
    const played = await playScenario({
      sim,
      standin,
      user,
      narrator,
      world,
      channel: CHANNEL,
      oldFailure,
      pauseMs: options.once ? 0 : STEP_PAUSE_MS,
      deadline,
      signal: abort.signal,
      webhooks,
    });

    stopIfAborted();
    const checked = checkOutcome(standin.messages(), played.expectations, Date.now() - started);
    const problems = [...failures, ...played.problems, ...checked.problems];
    if (deadline.remainingMs() === 0)
      problems.push(`the scenario did not finish within ${budgetMs / 1000} s`);
    if (problems.length > 0 && failures.length === 0)
      for (const name of ['web', 'worker']) {
        const output = supervisor.recentOutput(name).slice(-5);
        if (output.length > 0) problems.push(`last output of ${name}:\n${output.join('\n')}`);
      }
    const outcome: DemoOutcome = { ...checked, ok: problems.length === 0, problems };
    reportOutcome(narrator, outcome, options.once);

    if (options.once && !options.keepServing) await close();
    else if (!options.once) {
      narrator.banner([
        `Open ${standin.baseUrl} to see the channel as Slack would show it.`,
        'Every 20 s another action fails or recovers, and HCP Terraform sends its webhook. Ctrl-C to stop.',
      ]);
      void runOngoingScenario(sim, world, narrator, abort.signal, (happening) =>
        webhooks.ring(happening.workspace, happening.runId),
      );
    }
    return { baseUrl: standin.baseUrl, outcome, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Empties the list, newest first: processes, then the stand-ins they talk to, then Redis. */
async function closeAll(closers: Closer[]): Promise<void> {
  for (let closer = closers.pop(); closer; closer = closers.pop()) {
    try {
      await closer();
    } catch {
      // Keep closing the rest.
    }
  }
}
