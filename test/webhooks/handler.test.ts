import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import { createLogger } from '../../src/logger.js';
import { createNotificationHandler, type NotificationPort } from '../../src/webhooks/handler.js';
import type { RunEvent } from '../../src/webhooks/payload.js';
import { MAX_NOTIFICATION_BYTES } from '../../src/webhooks/route.js';
import { until } from '../alerts/harness.js';
import {
  postNotification,
  runNotificationBody,
  signNotification,
  verificationBody,
} from '../support/hcp-notification-signer.js';
import { MemoryLog } from '../support/memory-log.js';
import { type NotificationEndpoint, serveNotifications } from '../support/notification-endpoint.js';

const TOKEN = 'test-notification-token-not-real-0123';

/** The port as the web process will have it, recording instead of polling. */
class RecordingPort implements NotificationPort {
  readonly events: RunEvent[] = [];
  answer: () => Promise<unknown> = async () => undefined;

  onRunEvent(event: RunEvent): Promise<unknown> {
    this.events.push(event);
    return this.answer();
  }
}

interface Endpoint extends NotificationEndpoint {
  port: RecordingPort;
  log: MemoryLog;
}

const open: NotificationEndpoint[] = [];

async function startEndpoint(token: string | undefined): Promise<Endpoint> {
  const port = new RecordingPort();
  const log = new MemoryLog();
  const logger = createLogger({ level: 'debug', destination: log });
  const served = await serveNotifications(createNotificationHandler({ token, port, logger }));
  open.push(served);
  return { ...served, port, log };
}

afterEach(async () => {
  for (const endpoint of open.splice(0)) await endpoint.close();
});

test('without HCP_NOTIFICATION_TOKEN the endpoint answers 404 and does nothing', async () => {
  const endpoint = await startEndpoint(undefined);
  const body = runNotificationBody();
  const answer = await postNotification(endpoint.url, body, { token: TOKEN });
  expect(answer.status).toBe(404);
  expect(answer.body.error).toMatch(/HCP_NOTIFICATION_TOKEN is not set/);
  expect(endpoint.port.events).toEqual([]);
  const emptyToken = await startEndpoint('');
  expect((await postNotification(emptyToken.url, body, { token: '' })).status).toBe(404);
  expect(emptyToken.port.events).toEqual([]);
});

test('a signed run notification is answered 200 and handed to the port, checked', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const answer = await postNotification(endpoint.url, runNotificationBody({ trigger: 'run:completed' }), {
    token: TOKEN,
  });
  expect(answer).toEqual({ status: 200, body: { ok: true, message: 'queued' } });
  expect(endpoint.port.events).toEqual([
    expect.objectContaining({
      workspaceId: 'ws-D6fJsasdGj3E9eFN',
      runId: 'run-CZcmD7eagjhyX0vN',
      triggers: ['run:completed'],
    }),
  ]);
});

test('the answer never waits for the port', async () => {
  const endpoint = await startEndpoint(TOKEN);
  let release: () => void = () => undefined;
  endpoint.port.answer = () =>
    new Promise<void>((resolve) => {
      release = resolve;
    });
  const answer = await postNotification(endpoint.url, runNotificationBody(), { token: TOKEN });
  expect(answer.status).toBe(200);
  expect(endpoint.port.events).toHaveLength(1);
  release();
});

test('a port that fails still leaves a 200 behind, and the failure is logged', async () => {
  const endpoint = await startEndpoint(TOKEN);
  endpoint.port.answer = async () => {
    throw new Error('Redis is away');
  };
  const answer = await postNotification(endpoint.url, runNotificationBody(), { token: TOKEN });
  expect(answer.status).toBe(200);
  await until(() => endpoint.log.text().includes('Redis is away'), 5000, 'the logged failure');
  expect(endpoint.log.text()).toContain('the next poll covers it');
});

describe('signatures', () => {
  const body = runNotificationBody();

  test.each([
    ['missing', { signature: null }],
    ['empty', { signature: '' }],
    ['garbage', { signature: 'not-a-signature' }],
    ['made with another token', { signature: signNotification(body, 'some-other-token-value') }],
  ])('%s: 401 and the port is never called', async (_name, options) => {
    const endpoint = await startEndpoint(TOKEN);
    const answer = await postNotification(endpoint.url, body, options);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('missing or wrong X-TFE-Notification-Signature');
    expect(endpoint.port.events).toEqual([]);
  });

  test('the body altered by one byte after signing: 401', async () => {
    const endpoint = await startEndpoint(TOKEN);
    const signature = signNotification(body, TOKEN);
    const altered = body.replace('ws-D6fJsasdGj3E9eFN', 'ws-D6fJsasdGj3E9eFM');
    expect(altered).not.toBe(body);
    const answer = await postNotification(endpoint.url, altered, { signature });
    expect(answer.status).toBe(401);
    expect(endpoint.port.events).toEqual([]);
  });

  test('an unsigned request that is not even JSON is refused for its signature, not its body', async () => {
    const endpoint = await startEndpoint(TOKEN);
    expect((await postNotification(endpoint.url, '{{{', { signature: null })).status).toBe(401);
  });
});

test('verification is answered 200 without touching the port', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const answer = await postNotification(endpoint.url, verificationBody(), { token: TOKEN });
  expect(answer).toEqual({ status: 200, body: { ok: true, message: 'verified' } });
  expect(endpoint.port.events).toEqual([]);
});

test('a verification signed with another token fails, so HCP Terraform shows the mismatch at setup', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const answer = await postNotification(endpoint.url, verificationBody(), {
    token: 'some-other-token-value',
  });
  expect(answer.status).toBe(401);
});

test('signed but malformed: 400 with the reason, nothing handed on', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const notJson = await postNotification(endpoint.url, '{"payload_version":1,', { token: TOKEN });
  expect(notJson).toEqual({ status: 400, body: { ok: false, error: 'the body is not JSON' } });
  const version = await postNotification(endpoint.url, runNotificationBody({ payloadVersion: 7 }), {
    token: TOKEN,
  });
  expect(version.status).toBe(400);
  expect(version.body.error).toBe('payload_version 7 is not supported (tfactions reads version 1)');
  const badWorkspace = await postNotification(endpoint.url, runNotificationBody({ workspaceId: 'ws-../x' }), {
    token: TOKEN,
  });
  expect(badWorkspace.status).toBe(400);
  expect(badWorkspace.body.error).toMatch(/^workspace_id "ws-\.\.\/x" is not a workspace ID$/);
  expect(endpoint.port.events).toEqual([]);
});

test('a notification with only unknown triggers is answered 200 and ignored', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const answer = await postNotification(
    endpoint.url,
    runNotificationBody({ trigger: 'assessment:drifted' }),
    {
      token: TOKEN,
    },
  );
  expect(answer).toEqual({ status: 200, body: { ok: true, message: 'nothing to do' } });
  expect(endpoint.port.events).toEqual([]);
});

test('only POST is accepted', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const answer = await postNotification(endpoint.url, '', { token: TOKEN, method: 'PUT' });
  expect(answer.status).toBe(405);
});

describe('bodies over 64 kB', () => {
  test('a declared Content-Length over the limit is refused with 413 before anything is read', async () => {
    const endpoint = await startEndpoint(TOKEN);
    const big = JSON.stringify({ payload_version: 1, padding: 'x'.repeat(MAX_NOTIFICATION_BYTES) });
    const answer = await postNotification(endpoint.url, big, { token: TOKEN });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toBe(`the body is over ${MAX_NOTIFICATION_BYTES} bytes`);
    expect(endpoint.port.events).toEqual([]);
  });

  test('a chunked body is cut at the limit: 413 arrives while the client is still sending', async () => {
    const endpoint = await startEndpoint(TOKEN);
    const req = request(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('error', () => undefined);
    const response = once(req, 'response');
    req.write(Buffer.alloc(MAX_NOTIFICATION_BYTES + 1, 0x20));
    const [res] = (await response) as [IncomingMessage];
    expect(res.statusCode).toBe(413);
    // The request was never ended: the answer came from the limit, not from the end of the body.
    expect(req.writableEnded).toBe(false);
    res.resume();
    const tail = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 4 && !req.destroyed; i += 1) req.write(tail);
    req.destroy();
    await until(() => endpoint.sockets.every((socket) => socket.destroyed), 5000, 'the closed connection');
    const read = endpoint.sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
    expect(read).toBeLessThan(MAX_NOTIFICATION_BYTES + 256 * 1024);
    expect(endpoint.port.events).toEqual([]);
  });
});

test('logs never contain the token or a signature, whatever the request', async () => {
  const endpoint = await startEndpoint(TOKEN);
  const body = runNotificationBody();
  const good = signNotification(body, TOKEN);
  const wrong = signNotification(body, 'some-other-token-value');
  await postNotification(endpoint.url, body, { signature: good });
  await postNotification(endpoint.url, body, { signature: wrong });
  await postNotification(endpoint.url, verificationBody(), { token: TOKEN });
  await postNotification(endpoint.url, '{"payload_version":1,', { token: TOKEN });
  const text = endpoint.log.text();
  expect(text).toContain('run notification');
  expect(text).toContain('missing or wrong signature');
  for (const secret of [TOKEN, good, wrong, good.slice(0, 32), wrong.slice(0, 32)])
    expect(text).not.toContain(secret);
});
