import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwardRequest } from './forward-proxy.js';

export interface PrivateCa {
  dir: string;
  /** PEM of the CA, the file NODE_EXTRA_CA_CERTS points at. */
  caPath: string;
  caPem: string;
  /** A server certificate for 127.0.0.1 and localhost signed by the CA. */
  server: { key: string; cert: string };
  /** A self-signed server certificate (no CA). */
  selfSigned: { key: string; cert: string };
}

/** A private CA and certificates, made with the machine's openssl in a temporary directory (no network). */
export function makePrivateCa(): PrivateCa {
  const dir = mkdtempSync(join(tmpdir(), 'tfactions-ca-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const subjectAltName = 'subjectAltName=IP:127.0.0.1,DNS:localhost';
  const newKeyAnd = (name: string, ...request: string[]) =>
    openssl('req', ...request, '-newkey', 'rsa:2048', '-nodes', '-keyout', path(`${name}.key`), '-days', '2');
  newKeyAnd('ca', '-x509', '-subj', '/CN=tfactions test CA', '-out', path('ca.pem'));
  newKeyAnd('server', '-subj', '/CN=127.0.0.1', '-out', path('server.csr'));
  writeFileSync(path('ext.cnf'), `${subjectAltName}\n`);
  const signing = ['-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial', '-days', '2'];
  openssl(
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    ...signing,
    '-extfile',
    path('ext.cnf'),
    '-out',
    path('server.pem'),
  );
  newKeyAnd('self', '-x509', '-subj', '/CN=127.0.0.1', '-addext', subjectAltName, '-out', path('self.pem'));
  const read = (name: string) => readFileSync(path(name), 'utf8');
  return {
    dir,
    caPath: path('ca.pem'),
    caPem: read('ca.pem'),
    server: { key: read('server.key'), cert: read('server.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
  };
}

export interface TlsFront {
  /** https://127.0.0.1:port */
  address: string;
  /** TLS handshakes that completed (requests that got past certificate checks). */
  readonly handshakes: number;
  close(): Promise<void>;
}

/** Terminates TLS with the given certificate and forwards every request to a plain-HTTP origin (the simulator). */
export async function startTlsFront(
  origin: string,
  certificate: { key: string; cert: string },
): Promise<TlsFront> {
  let handshakes = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer(certificate, (req, res) =>
    forwardRequest(new URL(req.url ?? '/', origin), req, res),
  );
  server.on('secureConnection', () => {
    handshakes += 1;
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get handshakes() {
      return handshakes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
