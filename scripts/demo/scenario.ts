import type { HcpSimulator } from '../../test/support/hcp-simulator/index.js';
import type { PostedMessage, SlackStandin } from '../../test/support/slack-standin/index.js';
import { listButtons } from '../../test/support/slack-standin/index.js';
import {
  listingsNow,
  runRechecked,
  summariesReadSince,
  waitForAlert,
  waitForListings,
  waitForReply,
} from './observe.js';
import type { Expectations, ExpectedAlert } from './outcome.js';
import type { Narrator } from './output.js';
import type { DemoChannel, SlackUser } from './slack-user.js';
import { type Deadline, pollFor, sleep } from './timing.js';
import { type DemoWebhooks, webhookStep } from './webhook-step.js';
import {
  DEMO_ACTION_ERROR,
  type DemoWorld,
  failDirectInvocation,
  failJustBeforeSubscribing,
  failLifecycleAction,
  finishLongRunFailed,
  type Happening,
  recoverDirectInvocation,
  startLongRun,
} from './world.js';

export interface ScenarioContext {
  sim: HcpSimulator;
  standin: SlackStandin;
  user: SlackUser;
  narrator: Narrator;
  world: DemoWorld;
  channel: DemoChannel;
  /** The failure from days ago (seeded with the world). */
  oldFailure: Happening;
  /** A breath between steps so a person can read along (0 in --once). */
  pauseMs: number;
  deadline: Deadline;
  signal: AbortSignal;
  /** Step 8: the worker restart and the web process's notification endpoint. */
  webhooks: DemoWebhooks;
}

export interface ScenarioResult {
  expectations: Expectations;
  /** Problems only the scenario can see (the worker never polled, a command got no answer, ...). */
  problems: string[];
}

const COMMAND_TIMEOUT_MS = 15_000;
const ALERT_TIMEOUT_MS = 25_000;
const TICKS_TIMEOUT_MS = 25_000;
/** How far the simulator's clock jumps while the long run is in progress: past the poller's re-read window. */
const LONG_RUN_SECONDS = 45;
/** After the last step: several poll intervals, so a duplicate would have time to show up. */
const SETTLE_MS = 4_000;

/** Steps 1-8 of the demo, narrated; the Slack side is whatever the real web and worker processes post. */
export async function playScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const problems: string[] = [];
  const alerts: ExpectedAlert[] = [];
  const expectations: Expectations = {
    channelId: ctx.channel.id,
    alerts,
    history: [ctx.oldFailure],
    drillDown: false,
    recovery: false,
  };
  const result = () => ({ expectations, problems });

  const recentFailure = failJustBeforeSubscribing(ctx.sim, ctx.world);
  expectations.history = [ctx.oldFailure, recentFailure];
  const pause = () => sleep(ctx.deadline.cap(ctx.pauseMs), ctx.signal);
  if (!(await subscribe(ctx, problems))) return result();
  if (!(await baseline(ctx, problems))) return result();

  await pause();
  const direct = await directFailure(ctx);
  alerts.push({ step: 'step 3', happening: direct.happening });
  await pause();
  const lifecycle = await lifecycleFailure(ctx, problems);
  alerts.push({ step: 'step 4', happening: lifecycle });
  await pause();
  alerts.push({ step: 'step 5', happening: await longRun(ctx, problems) });

  if (direct.alert) {
    await pause();
    expectations.drillDown = true;
    expectations.drillDownError = DEMO_ACTION_ERROR;
    await drillDown(ctx, direct.alert, problems);
    await pause();
    expectations.recovery = true;
    await recovery(ctx, direct.alert);
  } else {
    problems.push('steps 6 and 7 were skipped: they need the alert of step 3');
  }

  await pause();
  const viaWebhook = await webhookStep(ctx, ctx.webhooks, problems);
  if (viaWebhook) alerts.push({ step: 'step 8', happening: viaWebhook });

  await sleep(ctx.deadline.cap(SETTLE_MS), ctx.signal);
  return result();
}

async function subscribe(ctx: ScenarioContext, problems: string[]): Promise<boolean> {
  const { world, narrator, channel } = ctx;
  narrator.step('1/8', 'Subscribe a channel', {
    where: 'Slack',
    happens: `pat.platform types /tfactions subscribe in #${channel.name}, once for each workspace.`,
    expect: `two ephemeral confirmations. Nothing, ever, about the failure of ${ctx.oldFailure.address} three days ago or the cache purge that failed seconds before subscribing.`,
  });
  let ok = true;
  for (const workspace of [world.networking, world.payments]) {
    const text = `subscribe ${workspace.organization}/${workspace.name}`;
    narrator.info(`/tfactions ${text}`);
    const response = await ctx.user.command(text, ctx.deadline.cap(COMMAND_TIMEOUT_MS));
    const confirmed =
      response !== undefined && JSON.stringify([response.text, response.blocks]).includes(workspace.id);
    if (!confirmed) {
      ok = false;
      problems.push(
        response
          ? `step 1: /tfactions ${text} was not confirmed: "${response.text ?? ''}"`
          : `step 1: /tfactions ${text} got no answer within ${COMMAND_TIMEOUT_MS / 1000} s`,
      );
    }
  }
  return ok;
}

async function baseline(ctx: ScenarioContext, problems: string[]): Promise<boolean> {
  const { sim, world, narrator } = ctx;
  narrator.step('2/8', 'Baseline', {
    happens:
      'Nothing new. The worker polls each subscription every second; its first poll notes where history ends.',
    expect: 'Nothing: history is never posted.',
  });
  // The workspaces are new to the worker. Its baseline lists their actions twice; a third listing is the
  // first ordinary tick after the baseline.
  const fromStart = new Map([
    [world.networking.id, 0],
    [world.payments.id, 0],
  ]);
  const polled = await waitForListings(sim, fromStart, 3, ctx.deadline.cap(TICKS_TIMEOUT_MS), ctx.signal);
  if (!polled) {
    problems.push(`step 2: the worker did not poll both workspaces within ${TICKS_TIMEOUT_MS / 1000} s`);
    narrator.bad('the worker is not polling HCP Terraform');
    return false;
  }
  narrator.good('the worker has polled both workspaces; the baseline is set');
  return true;
}

async function directFailure(ctx: ScenarioContext): Promise<{ happening: Happening; alert?: PostedMessage }> {
  ctx.narrator.step('3/8', 'A direct invocation fails', {
    happens: `maria.dev runs \`terraform apply -invoke=${ctx.world.notify.address}\` on acme/networking-prod; the Lambda returns an error.`,
    expect: `one alert in #${ctx.channel.name} with Invocations, Open run and Mute buttons.`,
  });
  const happening = failDirectInvocation(ctx.sim, ctx.world);
  const alert = await awaitAlert(ctx, happening);
  return alert ? { happening, alert } : { happening };
}

async function lifecycleFailure(ctx: ScenarioContext, problems: string[]): Promise<Happening> {
  ctx.narrator.step('4/8', 'A lifecycle action fails in a run that succeeds', {
    happens: `a VCS apply on acme/payments-prod creates aws_instance.web[0] and web[1]; ${ctx.world.smokeTest.address} (after_create, on_failure = continue) fails on web[0], passes on web[1]; the run succeeds.`,
    expect: 'one alert, 1 of 2 invocations failed, with a Resource groups button.',
  });
  const happening = failLifecycleAction(ctx.sim, ctx.world);
  const alert = await awaitAlert(ctx, happening);
  if (alert && !listButtons(alert.blocks).some((button) => /resource groups/i.test(button.text)))
    problems.push('step 4: the lifecycle alert has no "Resource groups" button');
  return happening;
}

async function longRun(ctx: ScenarioContext, problems: string[]): Promise<Happening> {
  const { sim, world, narrator, signal } = ctx;
  narrator.step('5/8', 'A long run ends failed', {
    happens: `priya.net starts an apply on acme/networking-prod that invokes ${world.configureRouters.address}; the run stays in progress for ${LONG_RUN_SECONDS} s (the simulator's clock jumps ahead), then ends with the invocation failed. Its invoked-at never changes.`,
    expect: 'nothing while it runs; one alert once it has failed.',
  });
  const marker = sim.requests.length;
  const run = startLongRun(sim, world);
  const seen = await pollFor(
    () => (summariesReadSince(sim, world.configureRouters.id, marker) ? true : undefined),
    ctx.deadline.cap(TICKS_TIMEOUT_MS),
    signal,
  );
  const settled =
    seen &&
    (await waitForListings(
      sim,
      listingsNow(sim, [world.networking.id]),
      1,
      ctx.deadline.cap(TICKS_TIMEOUT_MS),
      signal,
    ));
  if (!settled) problems.push('step 5: the worker did not look at the run while it was in progress');
  else narrator.good('the worker has seen the run in progress');

  sim.advanceClock(LONG_RUN_SECONDS);
  narrator.info(`${LONG_RUN_SECONDS} s later (simulated)...`);
  // Two full ticks after the jump: the cursor is now past the invocation's invoked-at.
  await waitForListings(
    sim,
    listingsNow(sim, [world.networking.id]),
    2,
    ctx.deadline.cap(TICKS_TIMEOUT_MS),
    signal,
  );
  const beforeFinish = sim.requests.length;
  finishLongRunFailed(sim, run);
  narrator.info(`the run ended; ${world.configureRouters.address} failed`);
  const alert = await awaitAlert(ctx, run.happening);
  if (alert && runRechecked(sim, run.happening.runId, beforeFinish))
    narrator.info('the worker found it by re-checking the run it remembered as in progress');
  return run.happening;
}

async function drillDown(ctx: ScenarioContext, alert: PostedMessage, problems: string[]): Promise<void> {
  ctx.narrator.step('6/8', 'Drill down from the alert', {
    where: 'Slack',
    happens: `pat.platform clicks "Invocations" on the alert of step 3 (a signed block_actions request to the web process).`,
    expect:
      "why it failed (the action's error from the run's log, with an Open logs link) and the run's invocations, as a reply in the alert's thread, not in the channel.",
  });
  try {
    await ctx.user.click(alert, 'Invocations');
  } catch (error) {
    problems.push(`step 6: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const reply = await waitForReply(
    ctx.standin,
    ctx.channel.id,
    alert.ts,
    (message) => !/recovered/i.test(message.text),
    ctx.deadline.cap(ALERT_TIMEOUT_MS),
    ctx.signal,
  );
  if (reply) ctx.narrator.good(`drill-down posted in the thread of ${alert.ts}`);
  else ctx.narrator.bad(`no reply in the thread of ${alert.ts} within ${ALERT_TIMEOUT_MS / 1000} s`);
}

async function recovery(ctx: ScenarioContext, alert: PostedMessage): Promise<void> {
  ctx.narrator.step('7/8', 'The failing action recovers', {
    happens: `maria.dev runs \`terraform apply -invoke=${ctx.world.notify.address}\` again; this time it succeeds.`,
    expect: 'a "recovered" reply in the thread of the step 3 alert, and the alert itself updated to say so.',
  });
  recoverDirectInvocation(ctx.sim, ctx.world);
  const found = await pollFor(
    () => {
      const current = ctx.standin.messages(ctx.channel.id);
      const updated = current.find((message) => message.ts === alert.ts);
      const reply = current.find(
        (message) => message.threadTs === alert.ts && /recovered/i.test(message.text),
      );
      return updated?.edited && /recovered/i.test(updated.text) && reply ? reply : undefined;
    },
    ctx.deadline.cap(ALERT_TIMEOUT_MS),
    ctx.signal,
  );
  if (found) ctx.narrator.good('recovery replied in the thread and the alert was updated');
  else ctx.narrator.bad(`no recovery (thread reply and updated alert) within ${ALERT_TIMEOUT_MS / 1000} s`);
}

async function awaitAlert(ctx: ScenarioContext, happening: Happening): Promise<PostedMessage | undefined> {
  const alert = await waitForAlert(
    ctx.standin,
    ctx.channel.id,
    happening.runId,
    ctx.deadline.cap(ALERT_TIMEOUT_MS),
    ctx.signal,
  );
  if (alert) ctx.narrator.good(`alert posted (ts ${alert.ts})`);
  else
    ctx.narrator.bad(
      `no alert for ${happening.address} in ${happening.runId} within ${ALERT_TIMEOUT_MS / 1000} s`,
    );
  return alert;
}
