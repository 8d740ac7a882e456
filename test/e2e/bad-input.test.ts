import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { renderAlert } from '../../src/slack/blocks/alert.js';
import { buttonCodecFor } from '../../src/slack/buttons/key.js';
import { blocksText } from '../support/blocks-text.js';
import { blockActionsPayload, postSigned } from '../support/slack-signer.js';
import {
  type ButtonInfo,
  listButtons,
  type RecordedResponse,
  validateBlocks,
} from '../support/slack-standin/index.js';
import { SIGNING_SECRET, startWebHarness, TFE_TOKEN, type WebHarness } from '../support/web-harness.js';

/**
 * Hostile, malformed and huge input through the real HTTP surface: every bad slash command of
 * test/fixtures/bad-commands.json, and malformed button clicks. Each must be acked, answered with a clear
 * ephemeral message, and must never reach HCP Terraform.
 */

interface BadCommand {
  text: string;
  why: string;
  /** A regex (case-insensitive) the answer must match. */
  expect: string;
  /** Huge texts are kept readable in the fixture: the command is `text + unit.repeat(times)`. */
  repeat?: { unit: string; times: number };
}

const CORPUS = loadCorpus();
const BATCH_SIZE = 10;
const GENERIC_FAILURE = /something (went wrong|failed)|could not do that|try again in a moment/i;
/** Untrusted input must never become a broadcast, a mention, a channel link or a link. */
const LIVE_MARKUP = /<[!@#]|<https?:/i;
const REFUSED = /that button cannot be used here/i;
/** What the app logs when a listener threw or gave up with a generic answer. */
const LISTENER_FAILURE = /unhandled error|slash command failed|button failed/i;

function loadCorpus(): BadCommand[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL('../fixtures/bad-commands.json', import.meta.url), 'utf8'),
  );
  if (!Array.isArray(parsed)) throw new Error('bad-commands.json must hold an array');
  return parsed.map((entry: unknown, index) => {
    const candidate = entry as Partial<BadCommand>;
    if (
      typeof candidate.text !== 'string' ||
      typeof candidate.why !== 'string' ||
      typeof candidate.expect !== 'string'
    )
      throw new Error(`bad-commands.json entry ${index} needs text, why and expect strings`);
    return candidate as BadCommand;
  });
}

function commandText(entry: BadCommand): string {
  return entry.repeat ? entry.text + entry.repeat.unit.repeat(entry.repeat.times) : entry.text;
}

function label(entry: BadCommand): string {
  return `${JSON.stringify(entry.text.slice(0, 60))} (${entry.why})`;
}

/** What a user reads: the blocks and the notification text. */
function readable(response: RecordedResponse | undefined): string {
  return `${blocksText(response?.blocks ?? [])}\n${response?.text ?? ''}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** The codec the web process of a harness signs its buttons with. */
function codecOf(h: WebHarness) {
  return buttonCodecFor(
    loadConfig({ SLACK_BOT_TOKEN: h.slack.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, TFE_TOKEN }),
  );
}

/** Everything wrong with the answer to one bad command; empty when it was answered as it should be. */
async function problemsOf(h: WebHarness, entry: BadCommand): Promise<string[]> {
  const answer = await h.command(commandText(entry));
  if (answer.status !== 200) return [`HTTP ${answer.status} instead of 200`];
  const [response] = await h.slack.waitForResponses(1, answer.responseUrl, 20_000);
  const text = readable(response);
  const problems: string[] = [];
  if (response?.responseType !== 'ephemeral') problems.push(`answered ${response?.responseType}`);
  if (!new RegExp(entry.expect, 'i').test(text)) problems.push(`does not match /${entry.expect}/i`);
  if (!/\*Usage/.test(text) || !text.includes('/tfactions ')) problems.push('shows no usage');
  if (GENERIC_FAILURE.test(text)) problems.push('is a generic failure');
  if (LIVE_MARKUP.test(text)) problems.push('carries live mrkdwn markup');
  const blockProblems = validateBlocks(response?.blocks ?? []);
  if (blockProblems.length > 0) problems.push(`invalid blocks: ${blockProblems.join('; ')}`);
  return problems.map((problem) => `${problem}: ${text.slice(0, 200)}`);
}

describe('the bad-command corpus', () => {
  test('has at least 60 distinct entries, each with a why and a valid regex', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map(commandText)).size).toBe(CORPUS.length);
    for (const entry of CORPUS) {
      expect(entry.why.length).toBeGreaterThan(0);
      expect(() => new RegExp(entry.expect, 'i')).not.toThrow();
    }
  });
});

describe('bad slash commands through the HTTP surface', () => {
  let h: WebHarness;

  beforeAll(async () => {
    h = await startWebHarness();
    h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  });

  afterAll(async () => {
    await h.close();
  });

  test('each is acked, answered ephemerally with what was wrong and the usage, and never reaches HCP', async () => {
    h.sim.clearRequests();
    const failures: string[] = [];
    for (const batch of chunks(CORPUS, BATCH_SIZE)) {
      const results = await Promise.all(
        batch.map(async (entry) => ({ entry, problems: await problemsOf(h, entry) })),
      );
      for (const { entry, problems } of results)
        for (const problem of problems) failures.push(`${label(entry)}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
  }, 120_000);

  test('the web process still answers /healthz and a good command afterwards', async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const answer = await h.command('help');
    expect(answer.status).toBe(200);
    const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
    expect(readable(response)).toMatch(/how to use \/tfactions/i);
    expect(h.log.text()).not.toMatch(LISTENER_FAILURE);
  });
});

describe('malformed interactivity payloads', () => {
  let h: WebHarness;
  let actionId: string;
  /** Buttons of a real `runs` result shown in C0ALERTS, and of the same query shown in C0OTHER. */
  let alertsButtons: ButtonInfo[];
  let otherButtons: ButtonInfo[];

  async function resultButtons(text: string, channelId: string): Promise<ButtonInfo[]> {
    const answer = await h.command(text, { channelId });
    const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
    return listButtons(response?.blocks ?? []);
  }

  function invocationsButton(buttons: ButtonInfo[]): Required<Pick<ButtonInfo, 'actionId' | 'value'>> {
    const button = buttons.find((candidate) => candidate.text.includes('Invocations'));
    if (!button?.actionId || !button.value) throw new Error('the result has no Invocations button');
    return { actionId: button.actionId, value: button.value };
  }

  /** A click on an ephemeral result, as Slack sends it; resolves with the status and what the clicker read. */
  async function click(
    input: { actionId: string; value: string; channelId?: string; userId?: string },
    harness: WebHarness = h,
  ): Promise<{ status: number; text: string }> {
    const sent = await harness.click({
      actionId: input.actionId,
      value: input.value,
      channelId: input.channelId ?? 'C0ALERTS',
      ...(input.userId ? { userId: input.userId } : {}),
      messageTs: '1700000000.000100',
      isEphemeral: true,
    });
    if (sent.status !== 200) return { status: sent.status, text: '' };
    const [response] = await harness.slack.waitForResponses(1, sent.responseUrl);
    expect(response?.responseType).toBe('ephemeral');
    return { status: sent.status, text: readable(response) };
  }

  /** POSTs a correctly signed interactivity body; the response_url is a fresh one of the stand-in. */
  async function postPayload(payload: Record<string, unknown>): Promise<{ status: number }> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postSigned(h.eventsUrl, body, { signingSecret: SIGNING_SECRET });
  }

  /**
   * A value signed with the app's own key around any body, even one the codec would never make: what only a
   * forger holding the key could send. Checked against the codec so a change of construction fails here.
   */
  function signedValue(payload: unknown, channelId = 'C0ALERTS'): string {
    const sign = (body: string) =>
      createHmac('sha256', SIGNING_SECRET).update(`${channelId}\n${body}`).digest('base64url').slice(0, 32);
    const sample = codecOf(h).encode({ kind: 'query', command: 'help' }, channelId);
    const [sampleBody = '', sampleSignature] = sample.split('.');
    if (sign(sampleBody) !== sampleSignature) throw new Error('button values are no longer signed this way');
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const body = Buffer.from(text).toString('base64url');
    return `${body}.${sign(body)}`;
  }

  beforeAll(async () => {
    h = await startWebHarness();
    const workspace = h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
    const action = h.sim.addAction({
      workspaceId: workspace.id,
      address: 'action.aws_lambda_invoke.notify',
      provider: 'aws',
    });
    actionId = action.id;
    const run = h.sim.addRun({ workspaceId: workspace.id });
    h.sim.addInvocation({
      actionId,
      runId: run.id,
      finalStatus: 'failed',
      method: 'direct',
      invokedBy: 'bob',
    });
    alertsButtons = await resultButtons(`runs ${actionId}`, 'C0ALERTS');
    otherButtons = await resultButtons(`runs ${actionId}`, 'C0OTHER');
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(() => {
    h.sim.clearRequests();
  });

  afterEach(() => {
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
  });

  test('a real button under an unknown tfactions. action_id is refused', async () => {
    const { value } = invocationsButton(alertsButtons);
    const answer = await click({ actionId: 'tfactions.explode.0', value });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(/not a button tfactions knows/i);
  });

  test('a real value under the action_id of another kind of button is refused', async () => {
    const { value } = invocationsButton(alertsButtons);
    const answer = await click({ actionId: 'tfactions.share.0', value });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(/do not belong together/i);
  });

  test('an action_id outside the tfactions. prefix does nothing and crashes nothing', async () => {
    const { value } = invocationsButton(alertsButtons);
    const sent = await h.click({
      actionId: 'someone-else.button',
      value,
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000100',
      isEphemeral: true,
    });
    // No listener acks it: Bolt answers it as unhandled once its ack timeout has passed.
    expect([200, 404]).toContain(sent.status);
    expect(h.slack.responses(sent.responseUrl)).toEqual([]);
  }, 20_000);

  test('the link button ("Open run") is acked and answers nothing', async () => {
    const sent = await h.click({
      actionId: 'tfactions.link.3',
      value: 'link',
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000100',
      isEphemeral: true,
    });
    expect(sent.status).toBe(200);
    expect(h.slack.responses(sent.responseUrl)).toEqual([]);
  });

  test.each([
    ['a value that is not base64 or JSON', 'not base64 at all!', /no readable value/i],
    ['an empty value', '', /no readable value/i],
    ['a 3000-character value', 'A'.repeat(3000), /no readable value/i],
    ['a value with a dot but a made-up signature', 'eyJraW5kIjoicXVlcnkifQ.forged', /altered/i],
  ])('%s is refused', async (_name, value, expected) => {
    const { actionId: buttonActionId } = invocationsButton(alertsButtons);
    const answer = await click({ actionId: buttonActionId, value });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(expected);
  });

  test('a value with one character changed is refused', async () => {
    const button = invocationsButton(alertsButtons);
    const position = 10;
    const changed = button.value[position] === 'A' ? 'B' : 'A';
    const tampered = `${button.value.slice(0, position)}${changed}${button.value.slice(position + 1)}`;
    const answer = await click({ actionId: button.actionId, value: tampered });
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(/altered/i);
  });

  test('a value copied from a message in another channel is refused', async () => {
    const button = invocationsButton(alertsButtons);
    const answer = await click({ ...button, channelId: 'C0OTHER' });
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(/not made for this channel/i);
  });

  test('a valid query signed for a different channel is refused', async () => {
    const button = invocationsButton(otherButtons);
    const answer = await click({ ...button, channelId: 'C0ALERTS' });
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(/not made for this channel/i);
  });

  test.each([
    ['a signed body that is not JSON', '{not json', /no readable value/i],
    ['a signed JSON of an unknown kind', { kind: 'rm', command: 'help' }, /unknown kind/i],
    ['a signed query with a traversal ID', { kind: 'query', command: 'runs action-x/../y' }, /no longer/i],
    [
      'a signed query with a command that is not a query',
      { kind: 'query', command: 'subscribe acme/x' },
      /no longer/i,
    ],
    [
      'a signed mute of an invalid action',
      { kind: 'mute', actionId: 'action-../x', durationSeconds: 60 },
      /invalid action/i,
    ],
    [
      'a signed mute of a negative duration',
      { kind: 'mute', actionId: 'action-Abc1', durationSeconds: -5 },
      /invalid/i,
    ],
  ])('%s is refused even with a good signature', async (_name, payload, expected) => {
    const kind =
      typeof payload === 'object' && typeof payload.kind === 'string' && payload.kind !== 'rm'
        ? payload.kind
        : 'query';
    const answer = await click({ actionId: `tfactions.${kind}.0`, value: signedValue(payload) });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(REFUSED);
    expect(answer.text).toMatch(expected);
  });

  test('a block_actions payload with neither channel nor container gets a clear answer', async () => {
    const button = invocationsButton(alertsButtons);
    const responseUrl = h.slack.newResponseUrl({ channelId: 'C0ALERTS', userId: 'U0ALICE' });
    const payload = blockActionsPayload({
      ...button,
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000100',
      responseUrl,
      isEphemeral: true,
    });
    delete payload.channel;
    delete payload.container;
    const sent = await postPayload(payload);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(1, responseUrl);
    expect(readable(response)).toMatch(REFUSED);
    expect(readable(response)).toMatch(/only work in channels/i);
  });

  test('a correctly signed body whose payload is not JSON is refused without a crash', async () => {
    const sent = await postSigned(h.eventsUrl, 'payload=%7Bnot-json', { signingSecret: SIGNING_SECRET });
    expect(sent.status).toBeGreaterThanOrEqual(400);
    expect(sent.status).toBeLessThan(500);
  });

  test('a click with a wrong signature gets 401 and runs nothing', async () => {
    const button = invocationsButton(alertsButtons);
    const responseUrl = h.slack.newResponseUrl({ channelId: 'C0ALERTS' });
    const payload = blockActionsPayload({
      ...button,
      channelId: 'C0ALERTS',
      messageTs: '1700000000.000100',
      responseUrl,
      isEphemeral: true,
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const sent = await postSigned(h.eventsUrl, body, { signingSecret: 'not-the-signing-secret' });
    expect(sent.status).toBe(401);
    expect(h.slack.responses(responseUrl)).toEqual([]);
  });

  test('after all of it the web process still answers /healthz and a well-formed button, and logged no crash', async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const answer = await click({
      actionId: 'tfactions.query.0',
      value: signedValue({ kind: 'query', command: 'help' }),
    });
    expect(answer.text).toMatch(/how to use \/tfactions/i);
    expect(h.log.text()).not.toMatch(LISTENER_FAILURE);
  });
});

describe('mute buttons when SLACK_ADMIN_USER_IDS is set', () => {
  let h: WebHarness;
  let mute: { actionId: string; value: string };

  beforeAll(async () => {
    h = await startWebHarness({ SLACK_ADMIN_USER_IDS: 'U0ADMIN' });
    const workspace = h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
    const action = h.sim.addAction({ workspaceId: workspace.id, address: 'action.terraform_data.restart' });
    const run = h.sim.addRun({ workspaceId: workspace.id });
    const alert = renderAlert(
      {
        summary: {
          id: `${action.id}:${run.id}`,
          actionId: action.id,
          runId: run.id,
          aggregateInvocationStatus: 'not_successful',
          invocationMethod: 'direct',
          invokedAt: h.sim.now(),
          invokedBy: { username: 'bob', avatarUrl: null },
          successful: 0,
          failed: 1,
          plannedInvocationCount: 1,
        },
        action: {
          id: action.id,
          address: action.address,
          provider: 'terraform',
          moduleAddress: 'system:root_module',
        },
        workspace: { id: workspace.id, name: 'networking-prod', organization: 'acme' },
        tfeAddress: h.sim.address,
      },
      codecOf(h).encoderFor('C0ALERTS'),
    );
    const button = listButtons(alert.blocks).find((candidate) => candidate.text.startsWith('Mute'));
    if (!button?.actionId || !button.value) throw new Error('the alert has no Mute button');
    mute = { actionId: button.actionId, value: button.value };
  });

  afterAll(async () => {
    await h.close();
  });

  async function press(userId: string): Promise<{ status: number; text: string }> {
    const sent = await h.click({ ...mute, userId, channelId: 'C0ALERTS', messageTs: '1700000000.000500' });
    const [response] = await h.slack.waitForResponses(1, sent.responseUrl);
    expect(response?.responseType).toBe('ephemeral');
    return { status: sent.status, text: readable(response) };
  }

  async function mutedSummary(): Promise<string> {
    const answer = await h.command('subscriptions');
    const [listed] = await h.slack.waitForResponses(1, answer.responseUrl);
    return readable(listed);
  }

  test('pressed by a non-admin it is refused and mutes nothing; an admin can', async () => {
    h.sim.clearRequests();
    const refused = await press('U0MALLORY');
    expect(refused.status).toBe(200);
    expect(refused.text).toMatch(REFUSED);
    expect(refused.text).toMatch(/only tfactions admins/i);
    expect(await mutedSummary()).toMatch(/0 muted actions/);
    const accepted = await press('U0ADMIN');
    expect(accepted.text).toMatch(/muted alerts of/i);
    expect(await mutedSummary()).toMatch(/1 muted action\b/);
    expect(h.sim.requests).toEqual([]);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
