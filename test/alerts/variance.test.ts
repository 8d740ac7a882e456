import { jest } from '@jest/globals';
import type { Workspace } from '../../src/hcp/types.js';
import {
  type HcpSimulator,
  type SimAction,
  startHcpSimulator,
  UNLISTED,
} from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import {
  hcpClient,
  type Pipeline,
  sleep,
  startPipeline,
  subscribeWithBaseline,
  topLevelMessages,
  uniqueChannel,
  until,
} from './harness.js';

/**
 * The alert pipeline, with a real worker, against an HCP Terraform whose answers differ from the seed samples
 * (simulator variance mode): nulls, enum values the seed does not list, extra attributes, one unreadable item
 * per list page. Alerts still arrive, exactly once.
 */

jest.setTimeout(60_000);

let sim: HcpSimulator;
let standin: SlackStandin;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'variance-token', variance: true });
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

/** A plain root-module action: variance sends instance-type, module-address and provider as null. */
function plainAction(): { workspace: Workspace; action: SimAction } {
  const ws = sim.addWorkspace({ name: `ws-${Math.random().toString(36).slice(2, 8)}`, organization: 'acme' });
  const action = sim.addAction({ workspaceId: ws.id, address: 'action.aws_lambda_invoke.notify' });
  return { workspace: { id: ws.id, name: ws.name, organization: ws.organization }, action };
}

async function subscribed(channelId: string, workspace: Workspace, name: string): Promise<string> {
  pipeline = await startPipeline(name, sim, standin);
  return subscribeWithBaseline(pipeline, channelId, workspace);
}

const topLevel = (channel: string) => topLevelMessages(standin, channel);

test('a failure of a plain action is alerted exactly once, next to a not_invoked run without invoked-at', async () => {
  const channel = uniqueChannel();
  const { workspace, action } = plainAction();
  await subscribed(channel, workspace, 'variance-one');
  const idle = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId: action.id, runId: idle.id, finalStatus: 'not_invoked' });
  const failed = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId: action.id, runId: failed.id, finalStatus: 'failed', invokedBy: 'alice' });
  sim.addInvocation({ actionId: action.id, runId: failed.id, finalStatus: 'not_invoked' });

  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(4000); // more ticks re-read the same runs inside the settle window
  const messages = topLevel(channel);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.text).toContain(failed.id);
  expect(messages[0]?.text).not.toContain(idle.id);
  expect(JSON.stringify(messages[0]?.blocks)).toContain('action.aws_lambda_invoke.notify');
});

test('a run whose status the seed does not list waits like run_in_progress, then its failure is alerted once', async () => {
  const channel = uniqueChannel();
  const { workspace, action } = plainAction();
  const subscriptionId = await subscribed(channel, workspace, 'variance-unlisted');
  const run = sim.addRun({ workspaceId: workspace.id, inProgress: true });
  sim.addInvocation({ actionId: action.id, runId: run.id, finalStatus: 'failed' });
  const reported = await hcpClient(sim).listRunSummaries(action.id, { runId: run.id });
  expect(reported.items.map((summary) => summary.aggregateInvocationStatus)).toEqual([
    UNLISTED.runSummaryStatus,
  ]);

  const state = pipeline?.state;
  if (!state) throw new Error('no pipeline');
  await until(
    async () =>
      (await state.subscription.listPending(subscriptionId)).some((pending) => pending.runId === run.id),
    15_000,
    `run reported as ${UNLISTED.runSummaryStatus} to be pending`,
  );
  await sleep(2500); // ticks that see only the unlisted status post nothing
  expect(topLevel(channel)).toHaveLength(0);

  sim.finishRun(run.id);
  await standin.waitForMessages(1, { channel }, 15_000);
  await until(
    async () =>
      !(await state.subscription.listPending(subscriptionId)).some((pending) => pending.runId === run.id),
    15_000,
    'the settled run to leave the pending set',
  );
  await sleep(3000);
  const messages = topLevel(channel);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.text).toContain(run.id);
});
