/**
 * errors:auto and errors:off through the real alert pipeline (BullMQ workers, Redis, the HCP simulator's run
 * logs, the Slack stand-in): the error text is the first reply in each alert's thread, posted once even with
 * two workers; with errors:off no log is read at all. The same on organization subscriptions, and the
 * precedence when a workspace and an organization subscription of one channel both cover a workspace.
 */

import { jest } from '@jest/globals';
import type { SubscriptionFilters } from '../../src/alerts/types.js';
import type { Workspace } from '../../src/hcp/types.js';
import { cleanPlanLog, failedActionApplyLog, TRIGGER } from '../run-errors/support.js';
import { blocksText } from '../support/blocks-text.js';
import { type HcpSimulator, type SimAction, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { type Pipeline, sleep, startPipeline, topLevelMessages, uniqueChannel } from './harness.js';
import { orgWorkspace, subscribeScope, uniqueOrganization } from './org-harness.js';

jest.setTimeout(60_000);

let sim: HcpSimulator;
let standin: SlackStandin;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'error-text-token' });
  standin = await startSlackStandin();
});

afterAll(async () => {
  await standin.close();
  await sim.close();
});

afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

function workspaceWithAction(): { workspace: Workspace; action: SimAction } {
  const ws = sim.addWorkspace({ name: `ws-${Math.random().toString(36).slice(2, 8)}`, organization: 'acme' });
  const action = sim.addAction({
    workspaceId: ws.id,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, action };
}

/**
 * A failed run whose apply log carries the action's error; returns the run and its log stages. An
 * organization workspace's run is added through the organization runs listing (`inOrganization`).
 */
function failRunWithLog(workspaceId: string, action: SimAction, error: string, inOrganization = false) {
  const run = inOrganization
    ? sim.organizations.addRun({ workspaceId, status: 'errored' })
    : sim.addRun({ workspaceId });
  sim.addInvocation({
    actionId: action.id,
    runId: run.id,
    finalStatus: 'failed',
    invokedBy: 'alice',
    triggeringResourceAddress: TRIGGER,
  });
  const logs = sim.runLogs.addRun({
    id: run.id,
    status: 'errored',
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog(error) } },
  });
  return { runId: run.id, stageIds: [logs.planId, logs.applyId] };
}

async function subscribedPipeline(
  name: string,
  channelId: string,
  workspace: Workspace,
  filters: SubscriptionFilters,
  workers = 1,
): Promise<Pipeline> {
  pipeline = await startPipeline(name, sim, standin, { workers, errorText: true });
  const { subscription } = await pipeline.service.subscribe({
    channelId,
    workspace,
    filters,
    userId: 'U0TEST',
  });
  await pipeline.waitForBaseline(subscription.id);
  return pipeline;
}

function readsOf(stageIds: readonly (string | null)[]): number {
  return sim.runLogs.reads.filter((read) => stageIds.includes(read.stageId)).length;
}

test('errors:auto posts the error text as the first reply of the alert thread, once, with two workers', async () => {
  const channel = uniqueChannel();
  const { workspace, action } = workspaceWithAction();
  await subscribedPipeline('err-auto', channel, workspace, { errorText: 'auto' }, 2);
  const failure = failRunWithLog(workspace.id, action, 'Lambda notify returned FunctionError: Unhandled');
  const [alert] = await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
  const [reply] = await standin.waitForMessages(1, { channel, threadTs: alert?.ts ?? '' }, 20_000);
  expect(alert?.text).toContain(failure.runId);
  const text = blocksText(reply?.blocks ?? []);
  expect(text).toContain('FunctionError: Unhandled');
  expect(text).toContain('Error invoking action');
  // Several more ticks and both workers: still one alert, one reply, one log read.
  await sleep(4000);
  expect(topLevelMessages(standin, channel)).toHaveLength(1);
  expect(standin.messages(channel).filter((message) => message.threadTs === alert?.ts)).toHaveLength(1);
  expect(readsOf(failure.stageIds)).toBe(1);
});

test('errors:off posts the alert and reads no log', async () => {
  const channel = uniqueChannel();
  const { workspace, action } = workspaceWithAction();
  await subscribedPipeline('err-off', channel, workspace, { errorText: 'off' });
  const failure = failRunWithLog(workspace.id, action, 'must stay unread');
  const [alert] = await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
  await sleep(3000);
  expect(standin.messages(channel).filter((message) => message.threadTs === alert?.ts)).toHaveLength(0);
  expect(readsOf(failure.stageIds)).toBe(0);
});

test('without errors:auto no log is read until someone clicks', async () => {
  const channel = uniqueChannel();
  const { workspace, action } = workspaceWithAction();
  await subscribedPipeline('err-click', channel, workspace, {});
  const failure = failRunWithLog(workspace.id, action, 'read only on click');
  await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
  await sleep(3000);
  expect(readsOf(failure.stageIds)).toBe(0);
});

describe('organization subscriptions', () => {
  function repliesTo(channel: string, ts: string | undefined) {
    return standin.messages(channel).filter((message) => message.threadTs === ts);
  }

  /** A whole-organization scope with these filters, one workspace in it, and its alert's failure. */
  async function scopedFailure(
    name: string,
    filters: SubscriptionFilters,
    alsoTheWorkspace?: SubscriptionFilters,
  ) {
    const channel = uniqueChannel();
    const organization = uniqueOrganization();
    const workspace = orgWorkspace(sim, organization, 'app-prod');
    const active = await startPipeline(name, sim, standin, { errorText: true });
    pipeline = active;
    await subscribeScope(active, channel, { organization, projects: [], tags: [] }, filters);
    if (alsoTheWorkspace) {
      const { subscription } = await active.service.subscribe({
        channelId: channel,
        workspace: { id: workspace.id, name: workspace.name, organization },
        filters: alsoTheWorkspace,
        userId: 'U0TEST',
      });
      await active.waitForBaseline(subscription.id);
    }
    const failure = failRunWithLog(workspace.id, workspace.action, `${name}: FunctionError: Unhandled`, true);
    const [alert] = await standin.waitForMessages(1, { channel, topLevelOnly: true }, 20_000);
    expect(alert?.text).toContain(failure.runId);
    return { channel, alert, failure };
  }

  test('errors:auto on a scope posts the error text as one reply of the alert thread', async () => {
    const { channel, alert, failure } = await scopedFailure('err-org-auto', { errorText: 'auto' });
    const [reply] = await standin.waitForMessages(1, { channel, threadTs: alert?.ts ?? '' }, 20_000);
    expect(blocksText(reply?.blocks ?? [])).toContain('FunctionError: Unhandled');
    await sleep(3000);
    expect(topLevelMessages(standin, channel)).toHaveLength(1);
    expect(repliesTo(channel, alert?.ts)).toHaveLength(1);
    expect(readsOf(failure.stageIds)).toBe(1);
  });

  test('errors:off on a scope posts the alert and reads no log', async () => {
    const { channel, alert, failure } = await scopedFailure('err-org-off', { errorText: 'off' });
    await sleep(3000);
    expect(repliesTo(channel, alert?.ts)).toHaveLength(0);
    expect(readsOf(failure.stageIds)).toBe(0);
  });

  test('errors:auto on the workspace subscription and errors:off on a scope covering it: off wins', async () => {
    const { channel, alert, failure } = await scopedFailure(
      'err-org-both',
      { errorText: 'off' },
      { errorText: 'auto' },
    );
    await sleep(3000);
    expect(topLevelMessages(standin, channel)).toHaveLength(1);
    expect(repliesTo(channel, alert?.ts)).toHaveLength(0);
    expect(readsOf(failure.stageIds)).toBe(0);
  });
});
