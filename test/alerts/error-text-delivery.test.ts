/**
 * The error-text post job on its own (runPostJob, real Redis, the HCP simulator's run logs, the Slack
 * stand-in): retries of the alert and of the error-text job give one reply; a channel that turned errors:off
 * meanwhile, or an alert never posted, gets none and costs no log read.
 */

import type { WebClient } from '@slack/web-api';
import { ChannelPacing } from '../../src/alerts/channel-pacing.js';
import type { DeliveryDeps } from '../../src/alerts/delivery-types.js';
import type { AlertItem, PostJobData } from '../../src/alerts/jobs.js';
import { runPostJob } from '../../src/alerts/post-dispatch.js';
import { SlackPoster } from '../../src/alerts/slack-poster.js';
import type { Workspace } from '../../src/hcp/types.js';
import { createCachedActionErrorFinder } from '../../src/run-errors/cache.js';
import { SlackAlertPresenter } from '../../src/slack/alert-presenter.js';
import { ButtonCodec } from '../../src/slack/buttons/codec.js';
import {
  ACTION,
  cleanPlanLog,
  failedActionAlert,
  failedActionApplyLog,
  simFinder,
  TRIGGER,
} from '../run-errors/support.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { hcpClient, slackClient, uniqueChannel } from './harness.js';
import { quietLogger, RecordingSink, type StateFixture, stateFixture, subscribeDirect } from './helpers.js';

let sim: HcpSimulator;
let standin: SlackStandin;
let slack: WebClient;
let fx: StateFixture;
let workspace: Workspace;
let actionId: string;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'error-text-delivery-token' });
  standin = await startSlackStandin();
  slack = slackClient(standin);
  const ws = sim.addWorkspace({ name: 'networking', organization: 'acme' });
  workspace = { id: ws.id, name: ws.name, organization: ws.organization };
  actionId = sim.addAction({ workspaceId: ws.id, address: ACTION, provider: 'aws' }).id;
});

afterAll(async () => {
  await standin.close();
  await sim.close();
});

beforeEach(() => {
  fx = stateFixture('errtext');
});

afterEach(async () => {
  await fx.close();
});

function deps(sink: RecordingSink): DeliveryDeps {
  const find = createCachedActionErrorFinder({ redis: fx.redis, keys: fx.keys, find: simFinder(sim).find });
  return {
    state: fx.state,
    mutes: fx.mutes,
    poster: new SlackPoster(slack),
    pacing: new ChannelPacing(fx.redis, fx.keys),
    presenter: new SlackAlertPresenter(new ButtonCodec('error-text-test-key'), sim.address),
    logger: quietLogger(),
    errorText: { find, hcp: hcpClient(sim), sink },
  };
}

function failedItem(error: string): { item: AlertItem; stageIds: string[] } {
  const run = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId, runId: run.id, finalStatus: 'failed', triggeringResourceAddress: TRIGGER });
  const logs = sim.runLogs.addRun({
    id: run.id,
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog(error) } },
  });
  return {
    item: failedActionAlert(actionId, run.id, sim.now()),
    stageIds: [logs.planId, logs.applyId ?? ''],
  };
}

async function freeSlot(channelId: string): Promise<void> {
  await fx.redis.del(fx.keys.pace(channelId));
}

const readsOf = (stageIds: readonly string[]) =>
  sim.runLogs.reads.filter((read) => stageIds.includes(read.stageId)).length;

const repliesIn = (channelId: string) =>
  standin.messages(channelId).filter((message) => message.threadTs !== undefined);

test('a retried alert job and a repeated error-text job still give one reply', async () => {
  const channelId = uniqueChannel();
  await subscribeDirect(fx.store, channelId, workspace, { errorText: 'auto' });
  const sink = new RecordingSink();
  const { item, stageIds } = failedItem('Rate exceeded');
  const alertJob: PostJobData = { kind: 'alert', channelId, workspace, item };
  expect(await runPostJob(alertJob, 'job-alert', deps(sink))).toEqual({ status: 'done', posted: 1 });
  // A retry of the alert job (its first attempt died after recording) queues the same error-text job again.
  expect(await runPostJob(alertJob, 'job-alert', deps(sink))).toEqual({ status: 'done', posted: 0 });
  const [errorJob] = sink.ofKind('error-text');
  expect(sink.ofKind('error-text')).toHaveLength(1);
  if (!errorJob) throw new Error('no error-text job was queued');
  await freeSlot(channelId);
  expect(await runPostJob(errorJob, 'job-error', deps(sink))).toEqual({ status: 'done', posted: 1 });
  await freeSlot(channelId);
  expect(await runPostJob(errorJob, 'job-error-again', deps(sink))).toEqual({ status: 'done', posted: 0 });
  const replies = repliesIn(channelId);
  expect(replies).toHaveLength(1);
  expect(JSON.stringify(replies[0]?.blocks)).toContain('Rate exceeded');
  expect(readsOf(stageIds)).toBe(1);
});

test('a channel that turned errors:off before the job ran gets no reply and no log is read', async () => {
  const channelId = uniqueChannel();
  await subscribeDirect(fx.store, channelId, workspace, { errorText: 'auto' });
  const sink = new RecordingSink();
  const { item, stageIds } = failedItem('secret text');
  await runPostJob({ kind: 'alert', channelId, workspace, item }, 'job-alert', deps(sink));
  await subscribeDirect(fx.store, channelId, workspace, { errorText: 'off' });
  const [errorJob] = sink.ofKind('error-text');
  if (!errorJob) throw new Error('no error-text job was queued');
  await freeSlot(channelId);
  expect(await runPostJob(errorJob, 'job-error', deps(sink))).toEqual({ status: 'done', posted: 0 });
  expect(repliesIn(channelId)).toHaveLength(0);
  expect(readsOf(stageIds)).toBe(0);
});

test('an alert that was never posted gets no error text', async () => {
  const channelId = uniqueChannel();
  await subscribeDirect(fx.store, channelId, workspace, { errorText: 'auto' });
  const sink = new RecordingSink();
  const { item, stageIds } = failedItem('never alerted');
  const job: PostJobData = { kind: 'error-text', channelId, workspace, item };
  expect(await runPostJob(job, 'job-error', deps(sink))).toEqual({ status: 'done', posted: 0 });
  expect(readsOf(stageIds)).toBe(0);
});
