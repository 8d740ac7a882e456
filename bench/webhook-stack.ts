/** The real web and worker processes with HCP notifications on, for figure h. */
import type { Workspace } from '../src/hcp/types.js';
import {
  type NotificationAnswer,
  postNotification,
  runNotificationBody,
} from '../test/support/hcp-notification-signer.js';
import type { HcpSimulator, SimAction } from '../test/support/hcp-simulator/index.js';
import { freePort } from '../test/support/redis-server.js';
import type { SlackStandin } from '../test/support/slack-standin/index.js';
import type { RunningChild } from './children.js';
import { channelId, processEnv } from './harness.js';
import type { BenchContext } from './types.js';
import { startWorkerSetup, type WorkerSetup } from './worker-setup.js';

export const NOTIFICATION_TOKEN = 'bench-notification-token-not-a-secret';

export interface WebhookStack {
  setup: WorkerSetup;
  standin: SlackStandin;
  /** POSTs a signed run:errored notification for the workspace to the web process. */
  ring(workspaceId: string, runId: string): Promise<NotificationAnswer>;
  close(): Promise<void>;
}

export async function startWebhookStack(
  context: BenchContext,
  sim: HcpSimulator,
  pollIntervalSeconds: number,
): Promise<WebhookStack> {
  const setup = await startWorkerSetup(context, sim, { pollIntervalSeconds });
  let web: RunningChild | undefined;
  try {
    await setup.startWorker();
    const port = await freePort();
    web = await context.children.start({
      name: 'web',
      entry: 'src/web.ts',
      env: {
        ...processEnv(context, sim, { port, pollIntervalSeconds }),
        HCP_NOTIFICATION_TOKEN: NOTIFICATION_TOKEN,
      },
      port,
    });
  } catch (error) {
    await setup.close();
    throw error;
  }
  const url = `http://127.0.0.1:${web.port}/hcp/notifications`;
  const running = web;
  return {
    setup,
    standin: context.standin,
    ring: (workspaceId, runId) =>
      postNotification(url, runNotificationBody({ workspaceId, runId }), { token: NOTIFICATION_TOKEN }),
    async close() {
      await running.stop();
      await setup.close();
    },
  };
}

export interface Target {
  channel: string;
  workspace: Workspace;
  action: SimAction;
}

/** Fresh workspaces, one action each, each subscribed by its own channel and baselined; `label` is [a-z0-9]. */
export async function subscribedTargets(
  sim: HcpSimulator,
  setup: WorkerSetup,
  label: string,
  count: number,
): Promise<Target[]> {
  const targets = Array.from({ length: count }, (_v, index) => {
    const ws = sim.addWorkspace({ name: `hook-${label}-${index}`, organization: 'bench' });
    const action = sim.addAction({
      workspaceId: ws.id,
      address: `action.aws_lambda_invoke.hook_${label}_${index}`,
    });
    const workspace: Workspace = { id: ws.id, name: ws.name, organization: ws.organization };
    return { channel: channelId(`h${label}`, 0, index), workspace, action };
  });
  await Promise.all(
    targets.map((target) => setup.subscribeAndBaseline(target.channel, target.workspace, 60_000)),
  );
  return targets;
}

export async function unsubscribeAll(setup: WorkerSetup, targets: readonly Target[]): Promise<void> {
  await Promise.all(targets.map((target) => setup.service.unsubscribe(target.channel, target.workspace.id)));
}

/** A failed invocation in a new run of the target's action. */
export function addFailure(sim: HcpSimulator, target: Target): string {
  const run = sim.addRun({ workspaceId: target.workspace.id });
  sim.addInvocation({ actionId: target.action.id, runId: run.id, finalStatus: 'failed', invokedBy: 'bench' });
  return run.id;
}
