/**
 * Issue 14 through the click path: a signed click on an alert's "Invocations" button posts, in the alert's
 * thread, the failing action's error text from the run's log together with the failed invocations, through
 * the real web runtime, the HCP simulator's run logs and the Slack stand-in.
 */

import { Redis } from 'ioredis';
import { createAlertKeys } from '../../src/alerts/keys.js';
import { OrgSubscriptionStore } from '../../src/alerts/org-subscriptions.js';
import type { AlertFacts } from '../../src/alerts/presenter.js';
import { type AlertService, createAlertService } from '../../src/alerts/producer.js';
import type { SubscriptionFilters } from '../../src/alerts/types.js';
import type { Workspace } from '../../src/hcp/types.js';
import { SlackAlertPresenter } from '../../src/slack/alert-presenter.js';
import { ERROR_TEXT_OFF_LINE } from '../../src/slack/buttons/error-text.js';
import { buttonCodecFor } from '../../src/slack/buttons/key.js';
import { quietLogger } from '../alerts/helpers.js';
import {
  ACTION,
  cleanPlanLog,
  failedActionAlert,
  failedActionApplyLog,
  TRIGGER,
} from '../run-errors/support.js';
import { blocksText } from '../support/blocks-text.js';
import type { LogMode } from '../support/hcp-simulator/run-logs/types.js';
import { listButtons } from '../support/slack-standin/index.js';
import { splitMrkdwn } from '../support/slack-standin/mrkdwn.js';
import type { PostedMessage } from '../support/slack-standin/types.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

let h: WebHarness;
let alerts: AlertService;
let presenter: SlackAlertPresenter;
let workspace: Workspace;
let actionId: string;

beforeAll(async () => {
  h = await startWebHarness();
  alerts = createAlertService({
    redisUrl: h.config.redisUrl,
    prefix: h.config.redisKeyPrefix,
    pollIntervalSeconds: 60,
    logger: quietLogger(),
  });
  presenter = new SlackAlertPresenter(buttonCodecFor(h.config), h.sim.address);
  const ws = h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  workspace = { id: ws.id, name: ws.name, organization: ws.organization };
  actionId = h.sim.addAction({ workspaceId: ws.id, address: ACTION, provider: 'aws' }).id;
}, 30_000);

afterAll(async () => {
  await alerts?.close();
  await h?.close();
});

async function subscribe(channelId: string, filters: SubscriptionFilters = {}): Promise<void> {
  await alerts.subscribe({ channelId, workspace, filters, userId: 'U0ADMIN' });
}

/** A run whose action failed on TRIGGER with `error` in its apply log, one failed and one good invocation. */
function failedRun(error: string, mode: LogMode = 'ok'): string {
  const run = h.sim.addRun({ workspaceId: workspace.id, source: 'tfe-api' });
  h.sim.addInvocation({
    actionId,
    runId: run.id,
    finalStatus: 'successful',
    method: 'lifecycle',
    listIndex: 0,
  });
  h.sim.addInvocation({
    actionId,
    runId: run.id,
    finalStatus: 'failed',
    method: 'lifecycle',
    triggeringResourceAddress: TRIGGER,
    listIndex: 1,
  });
  h.sim.runLogs.addRun({
    id: run.id,
    status: 'errored',
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog(error) }, mode },
  });
  return run.id;
}

function facts(runId: string): AlertFacts {
  return { ...failedActionAlert(actionId, runId, h.sim.now()), workspace };
}

function invocationButtons(message: { blocks: readonly unknown[] }) {
  return listButtons(message.blocks as never).filter((button) => button.text.includes('Invocations'));
}

/** Posts the alert to the stand-in as the worker would, then clicks its button as Slack would. */
async function clickInThread(
  channelId: string,
  message: { text: string; blocks: readonly unknown[] },
  buttonIndex = 0,
): Promise<PostedMessage> {
  const button = invocationButtons(message)[buttonIndex];
  if (!button?.actionId) throw new Error('the message has no such Invocations button');
  const res = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.slack.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: channelId, text: message.text, blocks: message.blocks }),
  });
  const posted = (await res.json()) as { ok: boolean; ts: string };
  expect(posted.ok).toBe(true);
  const sent = await h.click({
    actionId: button.actionId,
    value: button.value ?? '',
    channelId,
    messageTs: posted.ts,
  });
  expect(sent.status).toBe(200);
  const [reply] = await h.slack.waitForMessages(1, { channel: channelId, threadTs: posted.ts }, 15_000);
  return reply as PostedMessage;
}

async function clickAlert(channelId: string, runId: string): Promise<{ reply: PostedMessage; text: string }> {
  const reply = await clickInThread(channelId, presenter.alert(channelId, facts(runId)));
  return { reply, text: blocksText(reply.blocks ?? []) };
}

test('a click on an alert posts the error text and the failed invocations in its thread', async () => {
  await subscribe('C0ERRCLICK');
  const runId = failedRun('Lambda function notify returned FunctionError: Unhandled');
  const { reply, text } = await clickAlert('C0ERRCLICK', runId);
  expect(reply.replyBroadcast).toBe(false);
  expect(text).toContain('Why');
  expect(text).toContain('Error invoking action');
  expect(text).toContain('FunctionError: Unhandled');
  expect(text).toContain('*Failed*');
  expect(text.indexOf('FunctionError')).toBeLessThan(text.indexOf('*Failed*'));
  const open = listButtons(reply.blocks ?? []).find((button) => button.text === 'Open logs');
  expect(open?.url).toBe(`${h.sim.address}/app/acme/workspaces/networking-prod/runs/${runId}`);
});

test('ten clicks read the log once', async () => {
  await subscribe('C0ERRCACHE');
  const runId = failedRun('Rate exceeded');
  const readsBefore = h.sim.runLogs.reads.length;
  for (let i = 0; i < 10; i++) {
    const { text } = await clickAlert('C0ERRCACHE', runId);
    expect(text).toContain('Rate exceeded');
  }
  // The apply log names the action, so the plan log is never needed: one read in all.
  expect(h.sim.runLogs.reads.length - readsBefore).toBe(1);
});

test('a 403 on the log says the token may read runs but not logs', async () => {
  await subscribe('C0ERR403');
  const runId = failedRun('never shown', 'forbidden');
  const { text } = await clickAlert('C0ERR403', runId);
  expect(text).toMatch(/may read runs but not logs/);
  expect(text).not.toContain('never shown');
  expect(text).toContain('*Failed*');
});

test('an expired log link says so in one sentence', async () => {
  await subscribe('C0ERREXP');
  const runId = failedRun('never shown', 'expired');
  const { text } = await clickAlert('C0ERREXP', runId);
  expect(text).toMatch(/download link had expired/);
  expect(text).not.toMatch(/at .*\.ts:\d+/);
});

test('secrets are masked and mrkdwn or mentions in the log stay inert, as Slack renders them', async () => {
  await subscribe('C0ERRSAFE');
  const runId = failedRun(
    'denied for AKIAABCDEFGHIJKLMNOP <!here> <@U0BOSS> <!channel> @everyone *bold* <https://evil.example|login>',
  );
  const { reply, text } = await clickAlert('C0ERRSAFE', runId);
  expect(text).not.toContain('AKIAABCDEFGHIJKLMNOP');
  expect(text).toContain('[masked]');
  const sections = (reply.blocks ?? []).flatMap((block) => {
    const section = block as { type?: string; text?: { text?: string } };
    return section.type === 'section' && section.text?.text ? [section.text.text] : [];
  });
  const pieces = sections.flatMap((section) => splitMrkdwn(section));
  expect(pieces.filter((piece) => piece.kind === 'mention')).toEqual([]);
  expect(pieces.filter((piece) => piece.kind === 'link')).toEqual([]);
  const shown = pieces.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
  expect(shown).toContain('<!here> <@U0BOSS>');
  expect(shown).not.toMatch(/@everyone/);
});

test('errors:off reads no log and says error text is off for the channel', async () => {
  await subscribe('C0ERROFF', { errorText: 'off' });
  const runId = failedRun('must stay unread');
  const readsBefore = h.sim.runLogs.reads.length;
  const { text } = await clickAlert('C0ERROFF', runId);
  expect(text).toContain('Error text is off for this channel');
  expect(text).not.toContain('must stay unread');
  expect(text).toContain('*Failed*');
  expect(h.sim.runLogs.reads.length).toBe(readsBefore);
  expect(ERROR_TEXT_OFF_LINE).toContain('errors:off');
});

test('errors:off on an organization subscription covering the workspace wins over its own subscription', async () => {
  await subscribe('C0ERRORGOFF');
  const { subscription } = await alerts.subscribeOrganization({
    channelId: 'C0ERRORGOFF',
    scope: { organization: 'acme', projects: [], tags: [] },
    filters: { errorText: 'off' },
    userId: 'U0ADMIN',
  });
  // The worker's cycle makes the member when the workspace is seen in the scope; no worker runs here.
  const redis = new Redis(h.config.redisUrl);
  try {
    await new OrgSubscriptionStore(redis, createAlertKeys(h.config.redisKeyPrefix)).addMember(
      subscription,
      workspace,
    );
  } finally {
    redis.disconnect();
  }
  const runId = failedRun('must stay unread under the scope');
  const readsBefore = h.sim.runLogs.reads.length;
  const { text } = await clickAlert('C0ERRORGOFF', runId);
  expect(text).toContain('Error text is off for this channel');
  expect(text).not.toContain('must stay unread');
  expect(text).toContain('*Failed*');
  expect(h.sim.runLogs.reads.length).toBe(readsBefore);
});

test("a grouped message's Invocations button shows that failure's own error", async () => {
  await subscribe('C0ERRBURST');
  const runs = [failedRun('first failure'), failedRun('second failure'), failedRun('third failure')];
  const burst = presenter.burst(
    'C0ERRBURST',
    runs.map((runId) => facts(runId)),
  );
  expect(invocationButtons(burst)).toHaveLength(3);
  const reply = await clickInThread('C0ERRBURST', burst, 1);
  const text = blocksText(reply.blocks ?? []);
  expect(text).toContain('second failure');
  expect(text).not.toContain('first failure');
  expect(text).toContain(runs[1]);
});

test('`subscriptions` shows the error text setting', async () => {
  await subscribe('C0ERRLIST', { errorText: 'auto' });
  const answer = await h.command('subscriptions', { channelId: 'C0ERRLIST' });
  const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
  expect(blocksText(response?.blocks ?? [])).toContain('errors:auto');
});

test('the logs of all of the above hold neither the token nor a pre-signed log link', () => {
  const logs = h.log.lines.join('\n');
  expect(logs).toContain('/applies/');
  expect(logs).not.toContain(h.sim.token);
  expect(logs).not.toMatch(/signature=[0-9a-f]{8}/);
});
