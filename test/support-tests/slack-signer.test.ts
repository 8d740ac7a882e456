import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { freePort } from '../support/redis-server.js';
import {
  blockActionsBody,
  blockActionsPayload,
  postSigned,
  signSlackRequest,
  slashCommandBody,
} from '../support/slack-signer.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

const SLACK_EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&' +
    'channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&' +
    'response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&' +
    'trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('signSlackRequest', () => {
  test("matches Slack's documented example", () => {
    expect(signSlackRequest(SLACK_EXAMPLE.secret, SLACK_EXAMPLE.body, SLACK_EXAMPLE.timestamp)).toEqual({
      'x-slack-signature': SLACK_EXAMPLE.signature,
      'x-slack-request-timestamp': '1531420618',
    });
  });

  test("passes @slack/bolt's own verifier, and a changed body does not", () => {
    const now = Math.floor(Date.now() / 1000);
    const body = slashCommandBody({ text: 'runs action-abc', response_url: 'http://127.0.0.1:1/response/x' });
    const headers = signSlackRequest('a-signing-secret', body, now);
    const verify = (rawBody: string) =>
      verifySlackRequest({
        signingSecret: 'a-signing-secret',
        body: rawBody,
        headers: {
          'x-slack-signature': headers['x-slack-signature'],
          'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
        },
      });
    expect(() => verify(body)).not.toThrow();
    expect(() => verify(`${body}x`)).toThrow(/signature mismatch/);
  });
});

describe('request bodies', () => {
  test('slashCommandBody sends the fields in Slack order, form-encoded', () => {
    const body = slashCommandBody({
      text: 'actions acme/web q:"a b"',
      channel_id: 'C0ALERTS',
      user_id: 'U0ALICE',
      response_url: 'http://127.0.0.1:9/response/abc',
      trigger_id: '1.2.3',
    });
    const params = new URLSearchParams(body);
    expect([...params.keys()]).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
    expect(params.get('text')).toBe('actions acme/web q:"a b"');
    expect(params.get('command')).toBe('/tfactions');
    expect(body).toContain('command=%2Ftfactions&text=actions+acme%2Fweb+q%3A%22a+b%22&');
  });

  test('blockActionsBody is payload=<json> with the button taken from the message', () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'b1',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Invocations' },
            action_id: 'tfactions.thread.0',
            value: 'V',
          },
        ],
      },
    ];
    const body = blockActionsBody({
      actionId: 'tfactions.thread.0',
      channelId: 'C0ALERTS',
      messageTs: '1732740000.000100',
      threadTs: '1732740000.000050',
      responseUrl: 'http://127.0.0.1:9/response/abc',
      message: { text: 'alert', blocks },
    });
    expect(body.startsWith('payload=')).toBe(true);
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'block_actions',
      container: {
        type: 'message',
        message_ts: '1732740000.000100',
        channel_id: 'C0ALERTS',
        is_ephemeral: false,
      },
      channel: { id: 'C0ALERTS' },
      message: { ts: '1732740000.000100', thread_ts: '1732740000.000050', text: 'alert', blocks },
      response_url: 'http://127.0.0.1:9/response/abc',
      actions: [
        {
          action_id: 'tfactions.thread.0',
          block_id: 'b1',
          value: 'V',
          type: 'button',
          text: { type: 'plain_text', text: 'Invocations' },
        },
      ],
      enterprise: null,
      is_enterprise_install: false,
    });
    const ephemeral = blockActionsPayload({
      actionId: 'x',
      value: 'given',
      channelId: 'C0ALERTS',
      messageTs: '1.000001',
      responseUrl: 'u',
      isEphemeral: true,
    });
    expect(ephemeral).not.toHaveProperty('message');
    expect(ephemeral.actions).toEqual([expect.objectContaining({ action_id: 'x', value: 'given' })]);
  });
});

describe('a Bolt app against the stand-in with signed requests', () => {
  const SECRET = 'standin-signing-secret';
  let standin: SlackStandin;
  let app: App;
  let eventsUrl: string;

  beforeAll(async () => {
    standin = await startSlackStandin();
    app = new App({
      token: standin.botToken,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standin.apiUrl },
    });
    app.command('/tfactions', async ({ ack, command, respond }) => {
      await ack();
      await respond({ text: `you said ${command.text}` });
    });
    app.action(/^tfactions\./, async ({ ack, body, client }) => {
      await ack();
      if (body.type !== 'block_actions' || !body.channel || !body.message) return;
      await client.chat.postMessage({
        channel: body.channel.id,
        thread_ts: body.message.ts,
        text: 'drill-down',
      });
    });
    const port = await freePort();
    await app.start(port);
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
    await standin.close();
  });

  test('a signed slash command is acknowledged and answered through the response_url', async () => {
    const responseUrl = standin.newResponseUrl({ channelId: 'C0ALERTS', userId: 'U0ALICE' });
    const body = slashCommandBody({
      text: 'help',
      channel_id: 'C0ALERTS',
      user_id: 'U0ALICE',
      response_url: responseUrl,
    });
    const answer = await postSigned(eventsUrl, body, { signingSecret: SECRET });
    expect(answer.status).toBe(200);
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    const [response] = await standin.waitForResponses(1, responseUrl);
    expect(response).toMatchObject({ text: 'you said help', channelId: 'C0ALERTS', userId: 'U0ALICE' });
  });

  test('a signed button click reaches the action listener, which replies in the thread', async () => {
    const client = app.client;
    const alert = await client.chat.postMessage({ channel: 'C0ALERTS', text: 'alert' });
    const body = blockActionsBody({
      actionId: 'tfactions.thread.0',
      value: 'v',
      channelId: 'C0ALERTS',
      messageTs: alert.ts ?? '',
      responseUrl: standin.newResponseUrl({ channelId: 'C0ALERTS' }),
      message: { text: 'alert', blocks: [] },
    });
    expect((await postSigned(eventsUrl, body, { signingSecret: SECRET })).status).toBe(200);
    const [reply] = await standin.waitForMessages(1, { threadTs: alert.ts ?? '' });
    expect(reply?.text).toBe('drill-down');
  });

  test('bad signatures and stale timestamps are refused with 401', async () => {
    const body = slashCommandBody({ text: 'help', response_url: standin.newResponseUrl() });
    const forged = await postSigned(eventsUrl, body, { signingSecret: SECRET, signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const wrongSecret = await postSigned(eventsUrl, body, { signingSecret: 'another-secret' });
    expect(wrongSecret.status).toBe(401);
    const stale = await postSigned(eventsUrl, body, {
      signingSecret: SECRET,
      timestampSeconds: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    expect(standin.responses()).toHaveLength(1);
  });
});
