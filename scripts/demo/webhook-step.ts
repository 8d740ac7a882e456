import { postNotification, runNotificationBody } from '../../test/support/hcp-notification-signer.js';
import { waitHealthy } from './bot.js';
import { waitForAlert } from './observe.js';
import type { ScenarioContext } from './scenario.js';
import { type Happening, invokeOnce } from './world.js';

/** What step 8 needs of the running bot: a worker restart and the web process's notification endpoint. */
export interface DemoWebhooks {
  /** Restarts the worker with this POLL_INTERVAL_SECONDS; resolves with its base URL. */
  restartWorker(pollIntervalSeconds: number): Promise<string>;
  /** POSTs a signed run:errored notification for the run, as HCP Terraform would; resolves with the status. */
  ring(workspace: { id: string; name: string; organization: string }, runId: string): Promise<number>;
}

/** With webhooks on, the recommended interval: polling is only the safety net. */
export const LONG_POLL_INTERVAL_SECONDS = 300;
const RESTART_TIMEOUT_MS = 30_000;
const WEBHOOK_ALERT_TIMEOUT_MS = 15_000;

/** Step 8: polling every 300 s, a failure arrives seconds later through its HCP notification. */
export async function webhookStep(
  ctx: ScenarioContext,
  webhooks: DemoWebhooks,
  problems: string[],
): Promise<Happening | undefined> {
  const { sim, world, narrator } = ctx;
  narrator.step('8/8', 'Instant alerts: an HCP Terraform notification', {
    happens: `the operator turns webhooks on (HCP_NOTIFICATION_TOKEN, \`/tfactions webhook\` for the set-up) and lengthens POLL_INTERVAL_SECONDS to ${LONG_POLL_INTERVAL_SECONDS}: the worker restarts. Then ${world.drain.address} fails on acme/networking-prod and HCP Terraform POSTs its signed run:errored notification to /hcp/notifications.`,
    expect: `one alert within seconds, though the next scheduled poll is up to ${LONG_POLL_INTERVAL_SECONDS / 60} minutes away.`,
  });
  const workerUrl = await webhooks.restartWorker(LONG_POLL_INTERVAL_SECONDS);
  if (!(await waitHealthy(workerUrl, ctx.deadline.cap(RESTART_TIMEOUT_MS), ctx.signal))) {
    problems.push(`step 8: the worker did not come back within ${RESTART_TIMEOUT_MS / 1000} s`);
    return undefined;
  }
  narrator.good(`the worker polls every ${LONG_POLL_INTERVAL_SECONDS} s now`);

  const happening = invokeOnce(sim, world, world.drain, 'failed', 'sam.ops');
  const failedAt = Date.now();
  const status = await webhooks.ring(happening.workspace, happening.runId);
  if (status !== 200) problems.push(`step 8: the web process answered ${status} to the signed notification`);
  else
    narrator.info('HCP Terraform sent the notification; tfactions answered 200 and polls the workspace now');
  const alert = await waitForAlert(
    ctx.standin,
    ctx.channel.id,
    happening.runId,
    ctx.deadline.cap(WEBHOOK_ALERT_TIMEOUT_MS),
    ctx.signal,
  );
  if (alert)
    narrator.good(
      `alert posted ${((Date.now() - failedAt) / 1000).toFixed(1)} s after the failure (ts ${alert.ts}); the next scheduled poll was minutes away`,
    );
  else
    narrator.bad(
      `no alert for ${happening.runId} within ${WEBHOOK_ALERT_TIMEOUT_MS / 1000} s of its webhook`,
    );
  return happening;
}

/** The DemoWebhooks of a web process at `webUrl` whose configurations are signed with `token`. */
export function demoWebhooks(
  webUrl: string,
  token: string,
  restartWorker: (pollIntervalSeconds: number) => Promise<string>,
): DemoWebhooks {
  return {
    restartWorker,
    async ring(workspace, runId) {
      const body = runNotificationBody({
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        organization: workspace.organization,
        runId,
      });
      const answer = await postNotification(`${webUrl}/hcp/notifications`, body, { token }).catch(() => ({
        status: 0,
      }));
      return answer.status;
    },
  };
}
