import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { createLogger } from '../../src/logger.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { createNotificationHandler } from '../../src/webhooks/handler.js';
import type { RunEvent } from '../../src/webhooks/payload.js';
import { MAX_NOTIFICATION_BYTES, NOTIFICATIONS_PATH } from '../../src/webhooks/route.js';
import {
  postNotification,
  runNotificationBody,
  verificationBody,
} from '../support/hcp-notification-signer.js';
import { MemoryLog } from '../support/memory-log.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

const TOKEN = 'test-notification-token-not-real-bolt';

let standin: SlackStandin;
let app: App;
let url: string;
const events: RunEvent[] = [];

beforeAll(async () => {
  standin = await startSlackStandin();
  const logger = createLogger({ level: 'debug', destination: new MemoryLog() });
  const handler = createNotificationHandler({
    token: TOKEN,
    logger,
    port: { onRunEvent: async (event) => events.push(event) },
  });
  // Mounted the way src/slack/app.ts mounts /healthz: a custom route of Bolt's own HTTP receiver.
  app = new App({
    token: standin.botToken,
    signingSecret: 'bolt-route-signing-secret',
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: standin.apiUrl },
    customRoutes: [{ path: NOTIFICATIONS_PATH, method: ['POST'], handler }],
  });
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${NOTIFICATIONS_PATH}`;
});

afterAll(async () => {
  await app.stop();
  await standin.close();
});

test('behind Bolt the raw body reaches the handler: signatures verify and run events pass', async () => {
  expect((await postNotification(url, verificationBody(), { token: TOKEN })).status).toBe(200);
  expect((await postNotification(url, runNotificationBody(), { token: TOKEN })).status).toBe(200);
  expect((await postNotification(url, runNotificationBody(), { signature: null })).status).toBe(401);
  expect(events.map((event) => event.workspaceId)).toEqual(['ws-D6fJsasdGj3E9eFN']);
});

test('behind Bolt an oversized body is still refused with 413', async () => {
  const big = JSON.stringify({ payload_version: 1, padding: 'x'.repeat(MAX_NOTIFICATION_BYTES) });
  expect((await postNotification(url, big, { token: TOKEN })).status).toBe(413);
});
