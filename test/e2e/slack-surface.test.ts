import { loadConfig } from '../../src/config.js';
import { renderAlert } from '../../src/slack/blocks/alert.js';
import { buttonCodecFor } from '../../src/slack/buttons/key.js';
import { blocksText as textOf } from '../support/blocks-text.js';
import { postSigned, slashCommandBody } from '../support/slack-signer.js';
import { listButtons } from '../support/slack-standin/index.js';
import { SIGNING_SECRET, startWebHarness, TFE_TOKEN, type WebHarness } from '../support/web-harness.js';

let h: WebHarness;
let workspaceId: string;
let actionId: string;
let failedRunId: string;
let lifecycleActionId: string;
let lifecycleRunId: string;

beforeAll(async () => {
  h = await startWebHarness();
  const ws = h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  workspaceId = ws.id;
  const action = h.sim.addAction({
    workspaceId,
    address: 'action.aws_lambda_invoke.notify',
    provider: 'aws',
  });
  actionId = action.id;
  const okRun = h.sim.addRun({ workspaceId, source: 'tfe-ui' });
  h.sim.addInvocation({
    actionId,
    runId: okRun.id,
    finalStatus: 'successful',
    method: 'direct',
    invokedBy: 'alice',
  });
  const badRun = h.sim.addRun({ workspaceId, source: 'tfe-api' });
  failedRunId = badRun.id;
  h.sim.addInvocation({
    actionId,
    runId: badRun.id,
    finalStatus: 'successful',
    method: 'direct',
    invokedBy: 'bob',
    listIndex: 0,
  });
  h.sim.addInvocation({
    actionId,
    runId: badRun.id,
    finalStatus: 'failed',
    method: 'direct',
    invokedBy: 'bob',
    listIndex: 1,
  });
  const lifecycle = h.sim.addAction({
    workspaceId,
    address: 'action.terraform_data.restart',
    provider: 'terraform',
  });
  lifecycleActionId = lifecycle.id;
  const lcRun = h.sim.addRun({ workspaceId });
  lifecycleRunId = lcRun.id;
  h.sim.addInvocation({
    actionId: lifecycle.id,
    runId: lcRun.id,
    finalStatus: 'failed',
    method: 'lifecycle',
    triggerEvent: 'AfterCreate',
    triggeringResourceAddress: 'aws_instance.web',
  });
});

afterAll(async () => {
  await h.close();
});

afterEach(() => {
  h.sim.setLatency(0);
  h.sim.clearFaults();
});

async function resultOf(text: string, channelId = 'C0ALERTS') {
  const answer = await h.command(text, { channelId });
  expect(answer.status).toBe(200);
  const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
  if (!response) throw new Error('no response');
  return { ...answer, response, buttons: listButtons(response.blocks ?? []) };
}

describe('HTTP surface', () => {
  test('GET /healthz answers 200 with JSON while Redis answers', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, redis: 'ok', process: 'web' });
  });

  test('unsigned, wrongly signed and stale requests get 401', async () => {
    const body = slashCommandBody({ text: 'help', response_url: h.slack.newResponseUrl() });
    const unsigned = await fetch(h.eventsUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).toBe(401);
    const forged = await postSigned(h.eventsUrl, body, { signingSecret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await postSigned(h.eventsUrl, body, {
      signingSecret: SIGNING_SECRET,
      timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
  });
});

describe('/tfactions queries', () => {
  test('help answers with the usage of every subcommand', async () => {
    const { response } = await resultOf('help');
    expect(response.responseType).toBe('ephemeral');
    const text = textOf(response.blocks ?? []);
    for (const sub of [
      'actions',
      'providers',
      'runs',
      'invokers',
      'invocations',
      'resources',
      'subscribe',
      'mute',
    ])
      expect(text).toContain(sub);
  });

  test('actions resolves org/name and lists the actions with Runs buttons', async () => {
    h.sim.clearRequests();
    const { response, buttons } = await resultOf('actions acme/networking-prod provider:aws');
    expect(response.text).toBeTruthy();
    expect(textOf(response.blocks ?? [])).toContain('action.aws_lambda_invoke.notify');
    const paths = h.sim.requests.map((r) => `${r.path}${r.search}`);
    expect(paths).toContain('/api/v2/organizations/acme/workspaces/networking-prod');
    expect(paths).toContain(`/api/v2/workspaces/${workspaceId}/terraform-actions?filter%5Bprovider%5D=aws`);
    expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Runs', 'Failed runs']));
  });

  test('runs maps status:failed to filter[aggregate_invocation_status]=not_successful and links the run', async () => {
    h.sim.clearRequests();
    const { response, buttons } = await resultOf(`runs ${actionId} status:failed`);
    const listed = h.sim.requests.find((r) => r.path.endsWith('/invocations/run-summary'));
    expect(listed?.query['filter[aggregate_invocation_status]']).toBe('not_successful');
    const text = textOf(response.blocks ?? []);
    expect(text).toContain(failedRunId);
    expect(text).toContain(`${h.sim.address}/app/acme/workspaces/networking-prod/runs/${failedRunId}`);
    expect(buttons.some((b) => b.text.includes('Invocations'))).toBe(true);
  });

  test('a Runs button click re-runs the query and answers ephemerally', async () => {
    const { buttons } = await resultOf('actions ws-' + workspaceId.slice(3));
    const runsButton = buttons.find((b) => b.text === 'Failed runs');
    expect(runsButton?.actionId).toBeDefined();
    const click = await h.click({
      actionId: runsButton?.actionId ?? '',
      value: runsButton?.value ?? '',
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000100',
      isEphemeral: true,
    });
    expect(click.status).toBe(200);
    const [response] = await h.slack.waitForResponses(1, click.responseUrl);
    expect(textOf(response?.blocks ?? [])).toContain(failedRunId);
  });

  test('providers, action, invokers, invocations and resources answer from their endpoints', async () => {
    expect(textOf((await resultOf(`providers ${workspaceId}`)).response.blocks ?? [])).toContain('aws');
    expect(textOf((await resultOf(`action ${actionId}`)).response.blocks ?? [])).toContain(
      'action.aws_lambda_invoke.notify',
    );
    expect(textOf((await resultOf(`invokers ${actionId}`)).response.blocks ?? [])).toContain('bob');
    h.sim.clearRequests();
    const invocations = await resultOf(`invocations ${actionId} ${failedRunId} status:failed q:"x"`);
    expect(invocations.response.text).toBeTruthy();
    const req = h.sim.requests.find((r) => r.path.endsWith('/invocations'));
    expect(req?.query).toMatchObject({ 'filter[status]': 'failed', q: 'x' });
    const resources = await resultOf(`resources ${lifecycleActionId} ${lifecycleRunId}`);
    expect(textOf(resources.response.blocks ?? [])).toContain('aws_instance.web');
  });

  test('paging: page:1 of 30 actions carries a Next button that shows page 2', async () => {
    const ws = h.sim.addWorkspace({ name: 'many', organization: 'acme' });
    for (let i = 0; i < 30; i++)
      h.sim.addAction({
        workspaceId: ws.id,
        address: `action.terraform_data.a${String(i).padStart(2, '0')}`,
      });
    const { buttons } = await resultOf('actions acme/many');
    const next = buttons.find((b) => /next/i.test(b.text));
    expect(next).toBeDefined();
    const click = await h.click({
      actionId: next?.actionId ?? '',
      value: next?.value ?? '',
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000200',
      isEphemeral: true,
    });
    const [page2] = await h.slack.waitForResponses(1, click.responseUrl);
    const text = textOf(page2?.blocks ?? []);
    expect(text).toContain('a29');
    expect(text).not.toContain('action.terraform_data.a00');
  });

  test('Share in channel posts the same result in_channel', async () => {
    const { buttons } = await resultOf(`runs ${actionId}`);
    const share = buttons.find((b) => /share/i.test(b.text));
    const click = await h.click({
      actionId: share?.actionId ?? '',
      value: share?.value ?? '',
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000300',
      isEphemeral: true,
    });
    const [shared] = await h.slack.waitForResponses(1, click.responseUrl);
    expect(shared?.responseType).toBe('in_channel');
    expect(textOf(shared?.blocks ?? [])).toContain(failedRunId);
  });

  test('the slash command is acked at once even when HCP Terraform takes 5 s; the result follows', async () => {
    h.sim.setLatency(5000);
    const answer = await h.command(`runs ${actionId}`);
    expect(answer.status).toBe(200);
    expect(answer.durationMs).toBeLessThan(3000);
    expect(h.slack.responses(answer.responseUrl)).toHaveLength(0);
    const [late] = await h.slack.waitForResponses(1, answer.responseUrl, 20_000);
    expect(textOf(late?.blocks ?? [])).toContain(failedRunId);
  }, 30_000);

  test('HCP 404 becomes plain words with all three meanings', async () => {
    const { response } = await resultOf('action action-doesnotexist1');
    const text = textOf(response.blocks ?? []);
    expect(text).toMatch(/not found/i);
    expect(text).toMatch(/no access/i);
    expect(text).toMatch(/entitled/i);
  });
});

describe('bad input', () => {
  test.each([
    ['frobnicate', /unknown/i],
    ['runs', /action/i],
    ['runs action-x/../y', /not a valid|valid action/i],
    ['runs ../../organizations/acme', /action/i],
    ['runs action-abc status:exploded', /status/i],
    ['actions ws-abc colour:blue', /filter/i],
    ['actions ws-abc after:yesterday-ish', /after/i],
  ])('%s gets a clear ephemeral usage message and sends nothing to HCP', async (text, expected) => {
    h.sim.clearRequests();
    const { response } = await resultOf(text);
    expect(response.responseType).toBe('ephemeral');
    expect(textOf(response.blocks ?? []) + (response.text ?? '')).toMatch(expected);
    expect(h.sim.requests).toHaveLength(0);
  });

  test('a tampered button value, or one copied from another channel, is refused', async () => {
    const { buttons } = await resultOf(`runs ${actionId}`, 'C0ALERTS');
    const invocations = buttons.find((b) => b.text.includes('Invocations'));
    const value = invocations?.value ?? '';
    const tampered = `${value.slice(0, 10)}A${value.slice(11)}`;
    for (const [channelId, v] of [
      ['C0ALERTS', tampered],
      ['C0OTHER', value],
    ] as const) {
      const click = await h.click({
        actionId: invocations?.actionId ?? '',
        value: v,
        channelId,
        messageTs: '1700000000.000400',
        isEphemeral: true,
      });
      const [refusal] = await h.slack.waitForResponses(1, click.responseUrl);
      expect(textOf(refusal?.blocks ?? [])).toMatch(/cannot be used here/i);
    }
  });
});

describe('alert drill-down', () => {
  test('the Invocations button of an alert replies in the alert thread, failed first', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: h.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      TFE_TOKEN,
    });
    const codec = buttonCodecFor(config);
    const summaryId = `${actionId}:${failedRunId}`;
    const alert = renderAlert(
      {
        summary: {
          id: summaryId,
          actionId,
          runId: failedRunId,
          aggregateInvocationStatus: 'not_successful',
          invocationMethod: 'direct',
          invokedAt: h.sim.now(),
          invokedBy: { username: 'bob', avatarUrl: null },
          successful: 1,
          failed: 1,
          plannedInvocationCount: 2,
        },
        action: {
          id: actionId,
          address: 'action.aws_lambda_invoke.notify',
          provider: 'aws',
          moduleAddress: 'system:root_module',
        },
        workspace: { id: workspaceId, name: 'networking-prod', organization: 'acme' },
        tfeAddress: h.sim.address,
      },
      codec.encoderFor('C0ALERTS'),
    );
    const res = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0ALERTS', text: alert.text, blocks: alert.blocks }),
    });
    const posted = (await res.json()) as { ok: boolean; ts: string };
    expect(posted.ok).toBe(true);
    const button = listButtons(alert.blocks).find((b) => b.text.includes('Invocations'));
    await h.click({
      actionId: button?.actionId ?? '',
      channelId: 'C0ALERTS',
      messageTs: posted.ts,
      message: { text: alert.text, blocks: alert.blocks },
    });
    const [reply] = await h.slack.waitForMessages(1, { channel: 'C0ALERTS', threadTs: posted.ts });
    expect(reply?.threadTs).toBe(posted.ts);
    expect(reply?.replyBroadcast).toBe(false);
    const text = textOf(reply?.blocks ?? []);
    // Execution order puts the successful invocation (list index 0) first; the thread shows the failed one first.
    expect(text.indexOf('*Failed*')).toBeGreaterThan(-1);
    expect(text.indexOf('*Failed*')).toBeLessThan(text.indexOf('*Successful*'));
  });
});

describe('subscriptions through the slash command', () => {
  test('subscribe checks the workspace, lists it, and unsubscribe removes it', async () => {
    const missing = await resultOf('subscribe acme/nope');
    expect(textOf(missing.response.blocks ?? [])).toMatch(/nothing was subscribed/i);
    const done = await resultOf('subscribe acme/networking-prod method:lifecycle', 'C0SUBS');
    expect(textOf(done.response.blocks ?? [])).toMatch(/networking-prod/);
    const listed = await resultOf('subscriptions', 'C0SUBS');
    expect(textOf(listed.response.blocks ?? [])).toContain(workspaceId);
    const removed = await resultOf(`unsubscribe ${workspaceId}`, 'C0SUBS');
    expect(textOf(removed.response.blocks ?? [])).toMatch(/no longer/i);
    const empty = await resultOf('subscriptions', 'C0SUBS');
    expect(textOf(empty.response.blocks ?? [])).not.toContain(workspaceId);
  });
});

describe('secrets', () => {
  test('debug logs of the whole flow never contain a token or the signing secret', () => {
    const logged = h.log.text();
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of [TFE_TOKEN, h.slack.botToken, SIGNING_SECRET]) expect(logged).not.toContain(secret);
  });
});
