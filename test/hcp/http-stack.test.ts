import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHcpClient } from '../../src/hcp/client.js';
import { CertificateError } from '../../src/hcp/errors.js';
import { hcpAgent, hcpFetch } from '../../src/hcp/http-stack.js';
import { readLogLines } from '../../src/hcp/log-stream.js';
import { unpaced } from '../../src/hcp/pacing.js';
import { createRunLogApi } from '../../src/hcp/runs.js';
import type { RequestEvent } from '../../src/hcp/transport.js';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { versionLine } from '../support/hcp-simulator/run-logs/ui-messages.js';
import { makePrivateCa, type PrivateCa, startTlsFront, type TlsFront } from '../support/tls-front.js';

/** The HCP stack reads these at every request: each test sets its own and the rest are cleared. */
const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
];
const saved = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

let sim: HcpSimulator;
let proxy: ForwardProxy;
let ca: PrivateCa;
let untrusted: TlsFront;
let actionId: string;

beforeAll(async () => {
  [sim, proxy] = await Promise.all([startHcpSimulator({ token: 'http-stack-token' }), startForwardProxy()]);
  const workspace = sim.addWorkspace({ name: 'stack', organization: 'acme' });
  actionId = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.stack' }).id;
  ca = makePrivateCa();
  untrusted = await startTlsFront(sim.address, ca.server);
});

afterAll(async () => {
  hcpAgent().destroy();
  await Promise.all([sim.close(), proxy.close(), untrusted.close()]);
  rmSync(ca.dir, { recursive: true, force: true });
});

function useProxyVariables(variables: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
}

beforeEach(() => proxy.clear());

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function client(address: string, events: RequestEvent[] = []) {
  return createHcpClient({
    address,
    token: sim.token,
    pacer: unpaced,
    sleep: async () => {},
    onRequest: (event) => events.push(event),
  });
}

const simHost = () => new URL(sim.address).host;

test('one agent serves the whole process', () => {
  expect(hcpAgent()).toBe(hcpAgent());
});

test('without a proxy, requests keep their connection instead of opening one each', async () => {
  useProxyVariables({});
  let connections = 0;
  const server = createServer((_request, response) => response.end('ok'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    for (let call = 0; call < 5; call += 1) {
      const answer = await hcpFetch(`http://127.0.0.1:${port}/ping`, {
        method: 'GET',
        headers: {},
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      });
      for await (const _chunk of answer.body ?? []) {
        // drained, so the socket goes back to the pool
      }
    }
    expect(connections).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test.each([
  ['HTTP_PROXY', 'HTTP_PROXY'],
  ['http_proxy', 'http_proxy'],
  ['ALL_PROXY', 'ALL_PROXY'],
])(
  '%s: plain-HTTP API calls to loopback go to the proxy as absolute URIs, call after call',
  async (_label, variable) => {
    useProxyVariables({ [variable]: proxy.url });
    const hcp = client(sim.address);
    for (const _call of [1, 2, 3]) expect((await hcp.getAction(actionId)).id).toBe(actionId);
    const target = `${sim.address}/api/v2/terraform-actions/${actionId}`;
    expect(proxy.forwarded).toEqual(Array(3).fill({ kind: 'http', method: 'GET', target }));
  },
);

test('HTTPS_PROXY alone does not cover plain HTTP (as curl): the call goes direct', async () => {
  useProxyVariables({ HTTPS_PROXY: proxy.url });
  expect((await client(sim.address).getAction(actionId)).id).toBe(actionId);
  expect(proxy.forwarded).toEqual([]);
});

test.each([
  ['the address', () => '127.0.0.1'],
  ['the address and port', () => simHost()],
  ['a wildcard', () => '*'],
])('NO_PROXY listing %s sends the call direct', async (_label, entry) => {
  useProxyVariables({ HTTP_PROXY: proxy.url, NO_PROXY: `tfe.example.com,${entry()}` });
  expect((await client(sim.address).getAction(actionId)).id).toBe(actionId);
  expect(proxy.forwarded).toEqual([]);
});

test('NO_PROXY=localhost does not cover 127.0.0.1: loopback by address is still proxied', async () => {
  useProxyVariables({ http_proxy: proxy.url, no_proxy: 'localhost' });
  expect((await client(sim.address).getAction(actionId)).id).toBe(actionId);
  expect(proxy.forwarded.map((entry) => entry.kind)).toEqual(['http']);
});

test('HTTPS through the proxy is a CONNECT tunnel; an untrusted certificate behind it fails at once, not retried', async () => {
  useProxyVariables({ HTTPS_PROXY: proxy.url });
  const events: RequestEvent[] = [];
  const failing = client(untrusted.address, events).getAction(actionId);
  await expect(failing).rejects.toBeInstanceOf(CertificateError);
  await expect(failing).rejects.toMatchObject({
    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    message: expect.stringContaining('NODE_EXTRA_CA_CERTS'),
  });
  expect(events).toHaveLength(1);
  expect(proxy.forwarded).toEqual([
    { kind: 'connect', method: 'CONNECT', target: new URL(untrusted.address).host },
  ]);
});

test('a run log is read through the same proxy', async () => {
  useProxyVariables({ HTTP_PROXY: proxy.url });
  const run = sim.runLogs.addRun({ plan: { log: { lines: [versionLine()] } } });
  const api = createRunLogApi({
    address: sim.address,
    token: sim.token,
    pacer: unpaced,
    sleep: async () => {},
  });
  const log = await api.getStageLog('plan', run.planId ?? '');
  proxy.clear();
  const lines: string[] = [];
  const outcome = await readLogLines(log.logReadUrl ?? '', (line) => lines.push(line));
  expect(outcome.kind).toBe('complete');
  expect(lines[0]).toContain('Terraform 1.14.0');
  expect(proxy.forwarded).toEqual([{ kind: 'http', method: 'GET', target: log.logReadUrl }]);
});

test('an unreachable proxy is a retryable network failure naming its code, not the URL', async () => {
  const closed = await startForwardProxy();
  await closed.close();
  useProxyVariables({ HTTP_PROXY: closed.url });
  const events: RequestEvent[] = [];
  const failing = createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: unpaced,
    sleep: async () => {},
    maxAttempts: 2,
    onRequest: (event) => events.push(event),
  }).getAction(actionId);
  await expect(failing).rejects.toThrow('ECONNREFUSED');
  await expect(failing).rejects.not.toThrow(sim.address);
  expect(events.map((event) => event.errorKind)).toEqual(['network', 'network']);
});
