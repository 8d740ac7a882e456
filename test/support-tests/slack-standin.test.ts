import { type Block, ErrorCode, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import fetch from 'node-fetch';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

const CHANNEL = 'C0ALERTS';

type LooseBlock = Block & Record<string, unknown>;

const silent = () => undefined;
/** WebClient logs Slack's error messages itself; the tests assert on them instead. */
const quietLogger = {
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  setLevel: silent,
  getLevel: () => LogLevel.ERROR,
  setName: silent,
};

function section(text: string): LooseBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function button(text: string, actionId: string, value = 'v'): LooseBlock {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value };
}

/** The error code of a rejected WebClient call, or of its Slack `error` field for ok:false answers. */
async function slackError(
  call: Promise<unknown>,
): Promise<{ code: string; error?: string; retryAfter?: number }> {
  try {
    await call;
  } catch (thrown) {
    const error = thrown as { code: string; data?: { error?: string }; retryAfter?: number };
    return {
      code: error.code,
      ...(error.data?.error ? { error: error.data.error } : {}),
      ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

describe('Slack stand-in Web API', () => {
  let standin: SlackStandin;
  let client: WebClient;
  const clientFor = (token: string, extra: WebClientOptions = {}) =>
    new WebClient(token, {
      slackApiUrl: standin.apiUrl,
      logger: quietLogger,
      retryConfig: { retries: 0 },
      ...extra,
    });

  beforeEach(async () => {
    standin = await startSlackStandin({
      members: { C0OUTSIDE: false },
      channelNames: { [CHANNEL]: 'alerts', G0GROUPDM: 'mpdm-alice--bob-1' },
    });
    client = clientFor(standin.botToken);
  });

  afterEach(async () => {
    await standin.close();
  });

  test('auth.test answers with the bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: standin.botUserId,
      team_id: standin.teamId,
      bot_id: standin.botId,
    });
    expect(typeof result.url).toBe('string');
  });

  test('chat.postMessage stores messages with strictly increasing ts and records parsed calls', async () => {
    const blocks = [section('*hello*'), { type: 'actions', elements: [button('Invocations', 'a.1')] }];
    const metadata = { event_type: 'tfactions_alert', event_payload: { run: 'run-abc' } };
    const first = await client.chat.postMessage({ channel: CHANNEL, text: 'hello', blocks, metadata });
    expect(first).toMatchObject({ ok: true, channel: CHANNEL, message: { text: 'hello', blocks } });
    const stamps = [first.ts ?? ''];
    for (let index = 0; index < 4; index += 1)
      stamps.push((await client.chat.postMessage({ channel: CHANNEL, text: `n${index}` })).ts ?? '');
    for (const ts of stamps) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    for (let index = 1; index < stamps.length; index += 1)
      expect(Number(stamps[index])).toBeGreaterThan(Number(stamps[index - 1]));

    const messages = standin.messages(CHANNEL);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toEqual({
      channel: CHANNEL,
      ts: first.ts,
      text: 'hello',
      blocks,
      metadata,
      edited: false,
      replyBroadcast: false,
    });
    const call = standin.calls.find((candidate) => candidate.method === 'chat.postMessage');
    expect(call?.args.blocks).toEqual(blocks);
    expect(call?.args.metadata).toEqual(metadata);
    expect(call?.args).not.toHaveProperty('token');
    expect(call?.ok).toBe(true);
    expect(call?.response?.ts).toBe(first.ts);
    standin.clearCalls();
    expect(standin.calls).toHaveLength(0);
  });

  test('JSON bodies are accepted like form bodies', async () => {
    const response = await fetch(`${standin.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${standin.botToken}`,
      },
      body: JSON.stringify({ channel: CHANNEL, text: 'json', blocks: [section('json')] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(standin.messages(CHANNEL)[0]?.blocks).toEqual([section('json')]);
  });

  test('chat.update replaces text and blocks, keeps blocks when none are sent, and refuses unknown messages', async () => {
    const posted = await client.chat.postMessage({
      channel: CHANNEL,
      text: 'running',
      blocks: [section('running')],
    });
    const ts = posted.ts ?? '';
    const updated = await client.chat.update({
      channel: CHANNEL,
      ts,
      text: 'failed',
      blocks: [section('failed')],
    });
    expect(updated).toMatchObject({ ok: true, channel: CHANNEL, ts, text: 'failed' });
    expect(standin.messages(CHANNEL)).toEqual([
      expect.objectContaining({ ts, text: 'failed', blocks: [section('failed')], edited: true }),
    ]);
    await client.chat.update({ channel: CHANNEL, ts, text: 'only text' });
    expect(standin.messages(CHANNEL)[0]).toMatchObject({ text: 'only text', blocks: [section('failed')] });

    const missing = await slackError(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }));
    expect(missing).toEqual({ code: ErrorCode.PlatformError, error: 'message_not_found' });
    expect(standin.calls.at(-1)).toMatchObject({
      method: 'chat.update',
      ok: false,
      error: 'message_not_found',
    });
  });

  test('threads: replies, replies to replies, broadcast, history and replies listings', async () => {
    const parent = (await client.chat.postMessage({ channel: CHANNEL, text: 'alert' })).ts ?? '';
    const reply =
      (await client.chat.postMessage({ channel: CHANNEL, text: 'r1', thread_ts: parent })).ts ?? '';
    await client.chat.postMessage({ channel: CHANNEL, text: 'r2', thread_ts: reply });
    await client.chat.postMessage({ channel: CHANNEL, text: 'r3', thread_ts: parent, reply_broadcast: true });
    const other = (await client.chat.postMessage({ channel: CHANNEL, text: 'second alert' })).ts ?? '';

    expect(standin.messages(CHANNEL).map((message) => [message.text, message.threadTs])).toEqual([
      ['alert', undefined],
      ['r1', parent],
      ['r2', parent],
      ['r3', parent],
      ['second alert', undefined],
    ]);
    expect(standin.messages(CHANNEL)[3]?.replyBroadcast).toBe(true);

    const history = await client.conversations.history({ channel: CHANNEL });
    expect(history.messages?.map((message) => message.text)).toEqual(['second alert', 'r3', 'alert']);
    expect(history.messages?.[2]).toMatchObject({ ts: parent, reply_count: 3, thread_ts: parent });

    const firstPage = await client.conversations.history({ channel: CHANNEL, limit: 1 });
    expect(firstPage.messages?.map((message) => message.ts)).toEqual([other]);
    expect(firstPage.has_more).toBe(true);
    const cursor = firstPage.response_metadata?.next_cursor ?? '';
    const secondPage = await client.conversations.history({ channel: CHANNEL, limit: 1, cursor });
    expect(secondPage.messages?.map((message) => message.text)).toEqual(['r3']);

    const replies = await client.conversations.replies({ channel: CHANNEL, ts: parent });
    expect(replies.messages?.map((message) => message.text)).toEqual(['alert', 'r1', 'r2', 'r3']);

    const unknownThread = await slackError(
      client.chat.postMessage({ channel: CHANNEL, text: 'x', thread_ts: '1.5' }),
    );
    expect(unknownThread.error).toBe('thread_not_found');
    expect((await slackError(client.conversations.replies({ channel: CHANNEL, ts: '1.5' }))).error).toBe(
      'thread_not_found',
    );
  });

  test('a bad token gets invalid_auth, no token not_authed, an unknown method unknown_method', async () => {
    const bad = await slackError(clientFor('xoxb-wrong').chat.postMessage({ channel: CHANNEL, text: 'x' }));
    expect(bad).toEqual({ code: ErrorCode.PlatformError, error: 'invalid_auth' });
    const response = await fetch(`${standin.apiUrl}auth.test`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
    expect((await slackError(client.apiCall('chat.teleport', {}))).error).toBe('unknown_method');
    expect(standin.messages()).toHaveLength(0);
  });

  test('messages Slack would refuse are refused', async () => {
    const withActions = (...elements: LooseBlock[]): LooseBlock[] => [{ type: 'actions', elements }];
    const refused: [string, LooseBlock[]][] = [
      ['51 blocks', Array.from({ length: 51 }, () => section('x'))],
      ['section text of 3001', [section('x'.repeat(3001))]],
      ['header of 151', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]],
      ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }]],
      ['button text of 76', withActions(button('b'.repeat(76), 'a'))],
      ['button value of 2001', withActions(button('b', 'a', 'v'.repeat(2001)))],
      ['action_id of 256', withActions(button('b', 'a'.repeat(256)))],
      ['duplicate action_id', withActions(button('b', 'same'), button('c', 'same'))],
      [
        'duplicate action_id across blocks',
        [{ ...section('s'), accessory: button('b', 'same') }, ...withActions(button('c', 'same'))],
      ],
      [
        '11 fields',
        [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      ],
      ['empty section text', [section('')]],
      ['unknown block type', [{ type: 'carousel' }]],
    ];
    for (const [name, blocks] of refused) {
      const outcome = await slackError(client.chat.postMessage({ channel: CHANNEL, text: name, blocks }));
      expect({ name, ...outcome }).toEqual({ name, code: ErrorCode.PlatformError, error: 'invalid_blocks' });
    }
    const notArray = await fetch(`${standin.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${standin.botToken}`,
      },
      body: new URLSearchParams({ channel: CHANNEL, text: 't', blocks: '{"type":"section"}' }).toString(),
    });
    expect(await notArray.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect((await slackError(client.chat.postMessage({ channel: CHANNEL, text: '' }))).error).toBe('no_text');
    expect((await slackError(client.chat.postMessage({ channel: 'not-a-channel', text: 't' }))).error).toBe(
      'channel_not_found',
    );
    expect(standin.messages()).toHaveLength(0);
    const rejected = standin.calls.find((call) => call.error === 'invalid_blocks');
    expect(rejected?.response?.response_metadata).toEqual({
      messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
    });
  });

  test('messages exactly at the limits are accepted', async () => {
    const blocks: LooseBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      section('s'.repeat(3000)),
      { type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      { type: 'actions', elements: [button('b'.repeat(75), 'a'.repeat(255), 'v'.repeat(2000))] },
      ...Array.from({ length: 46 }, () => ({ type: 'divider' })),
    ];
    expect(blocks).toHaveLength(50);
    await expect(
      client.chat.postMessage({ channel: CHANNEL, text: 'limits', blocks }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  test('membership: not_in_channel, conversations.info and setMember', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C0OUTSIDE', text: 'x' }))).error).toBe(
      'not_in_channel',
    );
    expect((await client.conversations.info({ channel: 'C0OUTSIDE' })).channel).toMatchObject({
      id: 'C0OUTSIDE',
      is_member: false,
    });
    expect((await client.conversations.info({ channel: CHANNEL })).channel).toMatchObject({
      name: 'alerts',
      is_member: true,
    });
    standin.setMember('C0OUTSIDE', true);
    await expect(client.chat.postMessage({ channel: 'C0OUTSIDE', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect((await client.users.info({ user: 'U0SOMEONE' })).user).toMatchObject({
      id: 'U0SOMEONE',
      is_bot: false,
    });
  });

  test('conversation kinds: a private channel the bot is not in is invisible, a group DM and an archived channel say so', async () => {
    standin.setMember('G0SECRET', false);
    expect((await slackError(client.conversations.info({ channel: 'G0SECRET' }))).error).toBe(
      'channel_not_found',
    );
    standin.setMember('G0SECRET', true);
    expect((await client.conversations.info({ channel: 'G0SECRET' })).channel).toMatchObject({
      is_group: true,
      is_mpim: false,
      is_member: true,
    });
    expect((await client.conversations.info({ channel: 'G0GROUPDM' })).channel).toMatchObject({
      is_mpim: true,
    });
    standin.setArchived('C0OLD', true);
    expect((await client.conversations.info({ channel: 'C0OLD' })).channel).toMatchObject({
      is_archived: true,
    });
    expect((await slackError(client.chat.postMessage({ channel: 'C0OLD', text: 'x' }))).error).toBe(
      'is_archived',
    );
    standin.setArchived('C0OLD', false);
    await expect(client.chat.postMessage({ channel: 'C0OLD', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  test('chat.delete removes a message and its thread index, chat.getPermalink links it', async () => {
    const parent = (await client.chat.postMessage({ channel: CHANNEL, text: 'parent' })).ts ?? '';
    const reply =
      (await client.chat.postMessage({ channel: CHANNEL, text: 'reply', thread_ts: parent })).ts ?? '';
    const link = await client.chat.getPermalink({ channel: CHANNEL, message_ts: parent });
    expect(link.permalink).toBe(`${standin.baseUrl}/archives/${CHANNEL}/p${parent.replace('.', '')}`);
    await client.chat.delete({ channel: CHANNEL, ts: reply });
    expect(standin.messages(CHANNEL).map((message) => message.text)).toEqual(['parent']);
    const replies = await client.conversations.replies({ channel: CHANNEL, ts: parent });
    expect(replies.messages?.map((message) => message.text)).toEqual(['parent']);
    expect((await slackError(client.chat.delete({ channel: CHANNEL, ts: reply }))).error).toBe(
      'message_not_found',
    );
  });

  test('chat.postEphemeral is kept apart from channel messages', async () => {
    const result = await client.chat.postEphemeral({ channel: CHANNEL, user: 'U0SOMEONE', text: 'only you' });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(standin.ephemerals(CHANNEL)).toEqual([
      expect.objectContaining({ channel: CHANNEL, user: 'U0SOMEONE', text: 'only you' }),
    ]);
    expect(standin.messages()).toHaveLength(0);
  });
});

describe('Slack stand-in fault injection', () => {
  let standin: SlackStandin;
  beforeEach(async () => {
    standin = await startSlackStandin();
  });
  afterEach(async () => {
    await standin.close();
  });
  const clientWith = (extra: WebClientOptions = {}) =>
    new WebClient(standin.botToken, {
      slackApiUrl: standin.apiUrl,
      logger: quietLogger,
      retryConfig: { retries: 0 },
      ...extra,
    });

  test('an ok:false fault hits the given number of calls, then calls succeed again', async () => {
    const client = clientWith();
    standin.injectFault({ method: 'chat.postMessage', error: 'channel_not_found', times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1)
      expect(await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'x' }))).toEqual({
        code: ErrorCode.PlatformError,
        error: 'channel_not_found',
      });
    await expect(client.chat.postMessage({ channel: CHANNEL, text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect(standin.calls.map((call) => call.error ?? 'ok')).toEqual([
      'channel_not_found',
      'channel_not_found',
      'ok',
    ]);
    expect(standin.messages()).toHaveLength(1);
  });

  test('a 429 carries Retry-After: rejectRateLimitedCalls sees it, the default client waits and retries', async () => {
    standin.injectFault({ method: /^chat\./, status: 429, retryAfterSeconds: 7 });
    const rejecting = clientWith({ rejectRateLimitedCalls: true });
    expect(await slackError(rejecting.chat.postMessage({ channel: CHANNEL, text: 'x' }))).toEqual({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(standin.calls[0]).toMatchObject({ method: 'chat.postMessage', ok: false, error: 'ratelimited' });

    standin.injectFault({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 0 });
    const retrying = clientWith({
      retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0, randomize: false },
    });
    await expect(retrying.chat.postMessage({ channel: CHANNEL, text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect(standin.calls.map((call) => call.ok)).toEqual([false, false, true]);
  });

  test('a raw 429 answer has the Retry-After header and a Slack-like body', async () => {
    standin.injectFault({ method: 'auth.test', status: 429, retryAfterSeconds: 3 });
    const response = await fetch(`${standin.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standin.botToken}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  test('dropped connections, HTTP errors, delays, Infinity and clearFaults', async () => {
    const client = clientWith();
    standin.injectFault({ method: 'auth.test', dropConnection: true });
    expect((await slackError(client.auth.test())).code).toBe(ErrorCode.RequestError);

    standin.injectFault({ method: 'auth.test', status: 503 });
    expect((await slackError(client.auth.test())).code).toBe(ErrorCode.HTTPError);

    standin.injectFault({ method: 'auth.test', delayMs: 50 });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });

    standin.injectFault({ method: 'users.info', error: 'ratelimited', times: Number.POSITIVE_INFINITY });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await slackError(client.users.info({ user: 'U0SOMEONE' }))).error).toBe('ratelimited');
    standin.clearFaults();
    await expect(client.users.info({ user: 'U0SOMEONE' })).resolves.toMatchObject({ ok: true });

    standin.setLatency(20, 'auth.test');
    standin.setLatency(10);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    standin.setLatency(0);
    standin.setLatency(0, 'auth.test');
    expect(standin.calls.map((call) => call.error ?? 'ok')).toEqual([
      'connection_dropped',
      'http_503',
      'ok',
      'ratelimited',
      'ratelimited',
      'ratelimited',
      'ok',
      'ok',
    ]);
  });

  test('close() ends requests still waiting on a delay', async () => {
    standin.injectFault({ method: 'auth.test', delayMs: 60_000 });
    const pending = clientWith().auth.test();
    const outcome = slackError(pending);
    await standin.waitFor(() => standin.inFlight === 1);
    await standin.close();
    expect((await outcome).code).toBe(ErrorCode.RequestError);
    standin = await startSlackStandin();
  });
});

describe('Slack stand-in response_url and observation', () => {
  let standin: SlackStandin;
  let printed: string[];
  beforeEach(async () => {
    printed = [];
    standin = await startSlackStandin({ print: (rendered) => printed.push(rendered) });
  });
  afterEach(async () => {
    await standin.close();
  });

  const postJson = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  test('response_url posts are recorded against their id with their context', async () => {
    const url = standin.newResponseUrl({ channelId: CHANNEL, userId: 'U0SOMEONE' });
    const other = standin.newResponseUrl();
    expect(url).toMatch(new RegExp(`^${standin.baseUrl}/response/\\w+$`));
    const blocks = [section('result')];
    const response = await postJson(url, {
      text: 'result',
      blocks,
      response_type: 'ephemeral',
      thread_ts: '1.000001',
    });
    expect(response.status).toBe(200);
    await postJson(other, { text: 'shared', response_type: 'in_channel', replace_original: true });

    expect(standin.responses(url)).toEqual([
      expect.objectContaining({
        channelId: CHANNEL,
        userId: 'U0SOMEONE',
        text: 'result',
        blocks,
        responseType: 'ephemeral',
        replaceOriginal: false,
        deleteOriginal: false,
        threadTs: '1.000001',
      }),
    ]);
    const [shared] = standin.responses(other.split('/').pop());
    expect(shared).toMatchObject({ text: 'shared', responseType: 'in_channel', replaceOriginal: true });
    expect(standin.responses()).toHaveLength(2);
    expect(printed.join('\n')).toContain('response_url in_channel replace_original');
  });

  test('unknown ids get 404, invalid blocks 400, and response_url faults apply', async () => {
    expect((await postJson(`${standin.baseUrl}/response/nope`, { text: 'x' })).status).toBe(404);
    const url = standin.newResponseUrl({ channelId: CHANNEL });
    const invalid = await postJson(url, { text: 'x', blocks: [section('y'.repeat(3001))] });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('invalid_blocks');
    standin.injectFault({ method: 'response_url', status: 500 });
    expect((await postJson(url, { text: 'x' })).status).toBe(500);
    expect((await postJson(url, { text: 'x' })).status).toBe(200);
    expect(standin.responses(url)).toHaveLength(1);
  });

  test('waitForMessages resolves on the count and filter, and times out with a description', async () => {
    const client = new WebClient(standin.botToken, { slackApiUrl: standin.apiUrl, logger: quietLogger });
    const waiting = standin.waitForMessages(2, { channel: CHANNEL, topLevelOnly: true });
    const parent = (await client.chat.postMessage({ channel: CHANNEL, text: 'one' })).ts ?? '';
    await client.chat.postMessage({ channel: CHANNEL, text: 'reply', thread_ts: parent });
    await client.chat.postMessage({ channel: 'C0ELSEWHERE', text: 'elsewhere' });
    await client.chat.postMessage({ channel: CHANNEL, text: 'two' });
    expect((await waiting).map((message) => message.text)).toEqual(['one', 'two']);
    const inThread = await standin.waitForMessages(1, (message) => message.threadTs === parent, 1000);
    expect(inThread.map((message) => message.text)).toEqual(['reply']);
    await expect(standin.waitForMessages(5, { channel: CHANNEL }, 50)).rejects.toThrow(
      /waiting for 5 message\(s\), found 3/,
    );
    const responseUrl = standin.newResponseUrl();
    const responseWait = standin.waitForResponses(1, responseUrl);
    await postJson(responseUrl, { text: 'done' });
    expect((await responseWait).map((response) => response.text)).toEqual(['done']);
    expect(printed.filter((rendered) => rendered.includes('chat.postMessage'))).toHaveLength(4);
  });

  test('GET / serves the channels as an escaped HTML page', async () => {
    const client = new WebClient(standin.botToken, { slackApiUrl: standin.apiUrl, logger: quietLogger });
    await client.chat.postMessage({
      channel: CHANNEL,
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '<script>alert(1)</script>' } },
        section('&lt;script&gt;alert(2)&lt;/script&gt; and <javascript:alert(3)|click>'),
      ],
    });
    await postJson(standin.newResponseUrl({ channelId: CHANNEL }), { text: 'an ephemeral answer' });
    const response = await fetch(`${standin.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<script>alert|href="javascript/);
    expect(html).toContain('an ephemeral answer');
    expect(html).toContain('c0alerts');
  });
});
