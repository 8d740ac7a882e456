import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAlertService } from '../../src/alerts/producer.js';
import { createLogger } from '../../src/logger.js';
import { slackFetch } from '../../src/runtime/outbound.js';
import { type Child, httpStatus, spawnEntry, waitUntil } from '../support/child-process.js';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { freePort } from '../support/redis-server.js';
import { postSigned, slashCommandBody } from '../support/slack-signer.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { makePrivateCa, type PrivateCa, startTlsFront, type TlsFront } from '../support/tls-front.js';

const SIGNING_SECRET = 'outbound-test-signing-secret';
let sim: HcpSimulator;
let slack: SlackStandin;
let proxy: ForwardProxy;
let ca: PrivateCa;
let tfe: TlsFront;
let actionId: string;
const children: Child[] = [];

beforeAll(async () => {
  [sim, slack, proxy] = await Promise.all([startHcpSimulator(), startSlackStandin(), startForwardProxy()]);
  const workspace = sim.addWorkspace({ name: 'proxied', organization: 'acme' });
  actionId = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.proxied' }).id;
  ca = makePrivateCa();
  tfe = await startTlsFront(sim.address, ca.server);
});

beforeEach(() => proxy.clear());

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

afterAll(async () => {
  await Promise.all([sim.close(), slack.close(), proxy.close(), tfe.close()]);
  rmSync(ca.dir, { recursive: true, force: true });
});

function env(extra: Record<string, string>): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: tfe.address,
    REDIS_URL: process.env.TEST_REDIS_URL ?? '',
    WORKER_PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

async function doctor(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnEntry('src/doctor-cli.ts', env(extra));
  children.push(child);
  const code = await child.exited;
  return { code, output: child.output() };
}

const proxied = (extra: Record<string, string> = {}) => ({
  HTTPS_PROXY: proxy.url,
  http_proxy: proxy.url,
  NODE_EXTRA_CA_CERTS: ca.caPath,
  ...extra,
});

test('through a proxy to a TFE with a private CA: CONNECT for HTTPS, absolute URIs for HTTP, NODE_EXTRA_CA_CERTS trusted', async () => {
  const { code, output } = await doctor(proxied());
  expect(output).toMatch(/\[ok {2}\] HCP Terraform token/);
  expect(output).toMatch(/\[ok {2}\] Extra CA certificates/);
  expect(output).toMatch(/\[ok {2}\] Slack token/);
  expect(code).toBe(0);
  const tfeHost = new URL(tfe.address).host;
  expect(proxy.forwarded).toContainEqual({ kind: 'connect', method: 'CONNECT', target: tfeHost });
  expect(proxy.forwarded).toContainEqual({
    kind: 'http',
    method: 'POST',
    target: `${slack.apiUrl}auth.test`,
  });
  // Loopback is proxied like any host: nothing reached HCP or Slack around the proxy.
  expect(proxy.forwarded.every((entry) => !entry.target.includes(new URL(sim.address).host))).toBe(true);
}, 60_000);

test('NO_PROXY listing loopback sends everything direct', async () => {
  const { code } = await doctor(proxied({ NO_PROXY: '127.0.0.1,localhost' }));
  expect(code).toBe(0);
  expect(proxy.forwarded).toEqual([]);
}, 60_000);

test('without the CA bundle the doctor names NODE_EXTRA_CA_CERTS; an unusable bundle is reported as such', async () => {
  const untrusted = await doctor(proxied({ NODE_EXTRA_CA_CERTS: '' }));
  expect(untrusted.code).toBe(1);
  expect(untrusted.output).toMatch(/\[FAIL\] HCP Terraform token/);
  expect(untrusted.output).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  expect(untrusted.output).toContain('NODE_EXTRA_CA_CERTS');
  expect(proxy.forwarded.filter((entry) => entry.kind === 'connect')).toHaveLength(1);

  const notPem = join(ca.dir, 'not-a-bundle.txt');
  writeFileSync(notPem, 'this is not a certificate\n');
  const unusable = await doctor(proxied({ NODE_EXTRA_CA_CERTS: notPem }));
  expect(unusable.code).toBe(1);
  expect(unusable.output).toMatch(/\[FAIL\] Extra CA certificates/);
  expect(unusable.output).toContain('not a usable CA bundle');

  const missing = await doctor(proxied({ NODE_EXTRA_CA_CERTS: join(ca.dir, 'missing.pem') }));
  expect(missing.output).toMatch(/cannot be read \(ENOENT\)/);
}, 60_000);

test('the doctor reads subscriptions under REDIS_KEY_PREFIX', async () => {
  const prefix = 'doctor-prefix:';
  const alerts = createAlertService({
    redisUrl: process.env.TEST_REDIS_URL ?? '',
    prefix,
    pollIntervalSeconds: 60,
    logger: createLogger({ level: 'error' }),
  });
  try {
    const workspace = { id: 'ws-prefixcheck1', name: 'prefixed', organization: 'acme' };
    await alerts.subscribe({ channelId: 'C0PREFIXED', workspace, filters: {}, userId: 'U0ALICE' });
    const { output } = await doctor(proxied({ REDIS_KEY_PREFIX: prefix }));
    expect(output).toContain('C0PREFIXED');
    expect(output).toContain(`Redis keys under ${prefix}`);
    const { output: otherPrefix } = await doctor(proxied());
    expect(otherPrefix).not.toContain('C0PREFIXED');
  } finally {
    await alerts.unsubscribe('C0PREFIXED', 'ws-prefixcheck1');
    await alerts.close();
  }
}, 60_000);

test('a slash command in a proxied web process: the HCP read and the response_url post both go through the proxy', async () => {
  const port = await freePort();
  const web = spawnEntry('src/web.ts', env({ ...proxied(), PORT: String(port) }));
  children.push(web);
  await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200, 30_000, 'web');
  const responseUrl = slack.newResponseUrl({ channelId: 'C0PROXY' });
  const body = slashCommandBody({ text: `action ${actionId}`, response_url: responseUrl });
  const answer = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, {
    signingSecret: SIGNING_SECRET,
  });
  expect(answer.status).toBe(200);
  const [response] = await slack.waitForResponses(1, responseUrl, 20_000);
  expect(JSON.stringify(response)).toContain('action.aws_lambda_invoke.proxied');
  expect(proxy.forwarded).toContainEqual({
    kind: 'connect',
    method: 'CONNECT',
    target: new URL(tfe.address).host,
  });
  expect(proxy.forwarded).toContainEqual({ kind: 'http', method: 'POST', target: responseUrl });
}, 60_000);

test('Socket Mode opens its WebSocket and apps.connections.open through the proxy', async () => {
  const web = spawnEntry(
    'src/web.ts',
    env({ ...proxied(), SLACK_APP_TOKEN: 'xapp-test_proxied_socket_token', PORT: String(await freePort()) }),
  );
  children.push(web);
  await waitUntil(() => slack.socketMode.connections >= 1, 30_000, 'socket connection');
  const targets = proxy.forwarded.map((entry) => entry.target);
  expect(targets).toContain(`${slack.apiUrl}apps.connections.open`);
  expect(
    targets.some((target) => target.startsWith(new URL(slack.apiUrl).origin) && !target.includes('/api/')),
  ).toBe(true);
}, 60_000);

test("a Web API file upload body (Node's own FormData) is sent intact through Slack's outbound fetch", async () => {
  const received: { type: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      received.push({ type: req.headers['content-type'] ?? '', body });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const form = new FormData();
    form.append('channels', 'C0FILES');
    form.append('file', new Blob(['terraform output']), 'plan.txt');
    const { port } = server.address() as AddressInfo;
    const answer = await slackFetch(`http://127.0.0.1:${port}/api/files.upload`, {
      method: 'POST',
      body: form,
    });
    expect(answer.status).toBe(200);
    const [upload] = received;
    expect(upload?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('name="channels"');
    expect(upload?.body).toContain('C0FILES');
    expect(upload?.body).toContain('filename="plan.txt"');
    expect(upload?.body).toContain('terraform output');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
