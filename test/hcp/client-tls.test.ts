import { rmSync } from 'node:fs';
import { Agent } from 'node:https';
import fetch from 'node-fetch';
import { createHcpClient } from '../../src/hcp/client.js';
import { CertificateError } from '../../src/hcp/errors.js';
import { unpaced } from '../../src/hcp/pacing.js';
import type { FetchImpl, RequestEvent } from '../../src/hcp/transport.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { makePrivateCa, type PrivateCa, startTlsFront, type TlsFront } from '../support/tls-front.js';

let sim: HcpSimulator;
let ca: PrivateCa;
let caSigned: TlsFront;
let selfSigned: TlsFront;
let actionId: string;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'tls-test-token' });
  const workspace = sim.addWorkspace({ name: 'tls', organization: 'acme' });
  actionId = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.tls' }).id;
  ca = makePrivateCa();
  [caSigned, selfSigned] = await Promise.all([
    startTlsFront(sim.address, ca.server),
    startTlsFront(sim.address, ca.selfSigned),
  ]);
});

afterAll(async () => {
  await Promise.all([caSigned.close(), selfSigned.close(), sim.close()]);
  rmSync(ca.dir, { recursive: true, force: true });
});

function client(address: string, events: RequestEvent[], fetchImpl?: FetchImpl) {
  return createHcpClient({
    address,
    token: sim.token,
    pacer: unpaced,
    sleep: async () => {},
    onRequest: (event) => events.push(event),
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}

test.each([
  ['a certificate of a CA this process does not trust', () => caSigned, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ['a self-signed certificate', () => selfSigned, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
])('%s fails at once, not retried, with a message naming NODE_EXTRA_CA_CERTS', async (_what, front, code) => {
  const events: RequestEvent[] = [];
  const error = await client(front().address, events)
    .getAction(actionId)
    .then(
      () => null,
      (failure: unknown) => failure,
    );
  expect(error).toBeInstanceOf(CertificateError);
  const certificateError = error as CertificateError;
  expect(certificateError.code).toBe(code);
  expect(certificateError.retryable).toBe(false);
  expect(certificateError.kind).toBe('network');
  expect(certificateError.message).toContain('NODE_EXTRA_CA_CERTS');
  expect(certificateError.message).toContain(code);
  expect(certificateError.message).not.toContain(sim.token);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ status: null, errorKind: 'network', attempt: 1 });
});

test('trusting the private CA (what NODE_EXTRA_CA_CERTS does for the process) makes the same server work', async () => {
  const trusting = new Agent({ ca: ca.caPem });
  try {
    const events: RequestEvent[] = [];
    const withCa: FetchImpl = (url, init) => fetch(url, { ...init, agent: trusting });
    const action = await client(`${caSigned.address}/api/v2`, events, withCa).getAction(actionId);
    expect(action.id).toBe(actionId);
    expect(events.map((event) => event.status)).toEqual([200]);
  } finally {
    trusting.destroy();
  }
});

test('a host name the certificate does not cover is refused as such, not retried', async () => {
  const trusting = new Agent({ ca: ca.caPem, servername: 'tfe.example.com' });
  try {
    const events: RequestEvent[] = [];
    const withCa: FetchImpl = (url, init) => fetch(url, { ...init, agent: trusting });
    const error = await client(caSigned.address, events, withCa)
      .getAction(actionId)
      .then(
        () => null,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect((error as CertificateError).message).toMatch(/does not name this host.*TFE_ADDRESS/);
    expect(events).toHaveLength(1);
  } finally {
    trusting.destroy();
  }
});
