/**
 * i. What the error text costs per alert with errors:auto, in HCP Terraform requests and log bytes, and that
 * ten clicks on the alert's Invocations button add no log read: the real post jobs (alert, then error-text)
 * run in process against the HCP simulator's run logs, the Slack stand-in and the bench's Redis.
 */
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { ChannelPacing } from '../src/alerts/channel-pacing.js';
import type { DeliveryDeps } from '../src/alerts/delivery-types.js';
import type { AlertItem, PostJobSpec } from '../src/alerts/jobs.js';
import { createAlertKeys } from '../src/alerts/keys.js';
import { MuteStore } from '../src/alerts/mutes.js';
import { runPostJob } from '../src/alerts/post-dispatch.js';
import { SlackPoster } from '../src/alerts/slack-poster.js';
import { AlertState } from '../src/alerts/state.js';
import { SubscriptionStore } from '../src/alerts/subscriptions.js';
import { createHcpClient } from '../src/hcp/client.js';
import { unpaced } from '../src/hcp/pacing.js';
import { createRunLogApi } from '../src/hcp/runs.js';
import { createCachedActionErrorFinder } from '../src/run-errors/cache.js';
import { createActionErrorFinder } from '../src/run-errors/finder.js';
import { SlackAlertPresenter } from '../src/slack/alert-presenter.js';
import { ButtonCodec } from '../src/slack/buttons/codec.js';
import {
  ACTION as ADDRESS,
  cleanPlanLog,
  failedActionAlert,
  failedActionApplyLog,
  TRIGGER,
} from '../test/run-errors/support.js';
import { startHcpSimulator } from '../test/support/hcp-simulator/index.js';
import { benchLogger, channelId, ignoreRedisError } from './harness.js';
import type { BenchContext, FigureResult } from './types.js';

const ALERTS = 20;
const CLICKS_PER_ALERT = 10;
/** A realistic apply log: this much progress output before the action's error. */
const APPLY_LOG_BYTES = 256 * 1024;

export async function measureErrorTextCost(context: BenchContext): Promise<FigureResult> {
  const sim = await startHcpSimulator({ token: 'bench-error-text-token' });
  const redis = new Redis(context.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', ignoreRedisError);
  try {
    const keys = createAlertKeys('bench-i:');
    const logBytes: number[] = [];
    const hcp = createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced, maxAttempts: 2 });
    const find = createCachedActionErrorFinder({
      redis,
      keys,
      find: createActionErrorFinder({
        api: createRunLogApi({ address: sim.address, token: sim.token, pacer: unpaced }),
        runPageUrl: (runId) => `${sim.address}/app/runs/${runId}`,
        onLogRead: (event) => logBytes.push(event.bytes),
      }),
    });
    const followUps: PostJobSpec[] = [];
    const deps: DeliveryDeps = {
      state: new AlertState(redis, keys),
      mutes: new MuteStore(redis, keys),
      poster: new SlackPoster(
        new WebClient(context.standin.botToken, { slackApiUrl: context.standin.apiUrl }),
      ),
      pacing: new ChannelPacing(redis, keys),
      presenter: new SlackAlertPresenter(new ButtonCodec('bench-error-text-key'), sim.address),
      logger: benchLogger(),
      errorText: { find, hcp, sink: { enqueue: async (jobs) => void followUps.push(...jobs) } },
    };
    const ws = sim.addWorkspace({ name: 'errors', organization: 'bench' });
    const workspace = { id: ws.id, name: ws.name, organization: ws.organization };
    const action = sim.addAction({ workspaceId: ws.id, address: ADDRESS, provider: 'aws' });
    const store = new SubscriptionStore(redis, keys);

    let autoRequests = 0;
    let clickLogReads = 0;
    let clickRequests = 0;
    for (let index = 0; index < ALERTS; index++) {
      context.checkAborted();
      const channel = channelId('i', 0, index);
      await store.upsert({
        channelId: channel,
        workspace,
        filters: { errorText: 'auto' },
        userId: 'UBENCH',
        now: new Date(),
      });
      const item = failedAlert(sim, ws.id, action.id, index);
      const alertJob = `bench-i-alert-${index}`;
      await runPostJob({ kind: 'alert', channelId: channel, workspace, item }, alertJob, deps);
      const requestsBefore = sim.requests.length;
      for (const job of followUps.splice(0)) await runUntilDone(job, deps);
      autoRequests += sim.requests.length - requestsBefore;
      const readsBefore = logBytes.length;
      const clickBefore = sim.requests.length;
      for (let click = 0; click < CLICKS_PER_ALERT; click++)
        await find({
          runId: item.summary.runId,
          actionAddress: ADDRESS,
          triggeringResourceAddresses: [TRIGGER],
        });
      clickLogReads += logBytes.length - readsBefore;
      clickRequests += sim.requests.length - clickBefore;
    }
    const replies = Array.from({ length: ALERTS }, (_v, index) => channelId('i', 0, index)).flatMap(
      (channel) => context.standin.messages(channel).filter((message) => message.threadTs !== undefined),
    ).length;
    const bytesPerAlert = logBytes.reduce((sum, bytes) => sum + bytes, 0) / ALERTS;
    const readsPerAlert = logBytes.length / ALERTS;
    return {
      id: 'i',
      title: 'Error text cost',
      rows: [
        {
          figure: 'i. errors:auto, per alert: HCP requests (API and log downloads); log reads; bytes read',
          value: `${(autoRequests / ALERTS).toFixed(1)}; ${readsPerAlert.toFixed(1)}; ${Math.round(bytesPerAlert / 1024)} KiB`,
          goal: '',
          met: null,
        },
        {
          figure: 'i. error-text replies posted (one per alert)',
          value: String(replies),
          goal: String(ALERTS),
          met: replies === ALERTS,
        },
        {
          figure: `i. ${CLICKS_PER_ALERT} clicks on each alert afterwards: log reads and HCP requests of the finder`,
          value: `${clickLogReads}; ${clickRequests}`,
          goal: '0',
          met: clickLogReads === 0 && clickRequests === 0,
        },
      ],
      method: [
        `i: ${ALERTS} alerts, each in its own channel subscribed with errors:auto; the alert post job and then its error-text job run in process (runPostJob) against the HCP simulator, the Slack stand-in and Redis. Each failed run has a ${APPLY_LOG_BYTES / 1024} KiB JSON apply log ending in the action's error. Requests are every request the simulator recorded during the error-text job (the failed-invocations listing, the run, its apply, the log download); bytes come from the finder's onLogRead hook. Clicks call the same cached finder the web process uses, ${CLICKS_PER_ALERT} times per alert.`,
      ],
      data: {
        alerts: ALERTS,
        autoRequests,
        logReads: logBytes.length,
        bytesPerAlert,
        clickLogReads,
        clickRequests,
        replies,
      },
    };
  } finally {
    redis.disconnect();
    await sim.close().catch(() => undefined);
  }
}

function failedAlert(
  sim: Awaited<ReturnType<typeof startHcpSimulator>>,
  workspaceId: string,
  actionId: string,
  index: number,
): AlertItem {
  const run = sim.addRun({ workspaceId });
  sim.addInvocation({
    actionId,
    runId: run.id,
    finalStatus: 'failed',
    invokedBy: 'bench',
    triggeringResourceAddress: TRIGGER,
  });
  sim.runLogs.addRun({
    id: run.id,
    status: 'errored',
    plan: { log: { lines: cleanPlanLog() } },
    apply: {
      log: {
        generated: {
          bytes: APPLY_LOG_BYTES,
          format: 'json',
          tail: failedActionApplyLog(`FunctionError ${index}`),
        },
      },
    },
  });
  return failedActionAlert(actionId, run.id, sim.now());
}

/** A job that answers "later" (the channel's send slot) runs again after its delay, as BullMQ would. */
async function runUntilDone(job: PostJobSpec, deps: DeliveryDeps): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = await runPostJob(job.data, job.jobId, deps);
    if (result.status === 'done') return;
    await new Promise((resolve) => setTimeout(resolve, result.delayMs));
  }
  throw new Error(`job ${job.jobId} did not finish`);
}
