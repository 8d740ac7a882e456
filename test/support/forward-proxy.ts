import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ForwardedRequest {
  /** `http`: an absolute-URI request forwarded as is; `connect`: a CONNECT tunnel (HTTPS, WebSocket over TLS). */
  kind: 'http' | 'connect';
  method: string;
  /** The absolute URI of an `http` request; host:port of a tunnel. */
  target: string;
}

export interface ForwardProxy {
  url: string;
  readonly forwarded: readonly ForwardedRequest[];
  clear(): void;
  close(): Promise<void>;
}

/** A corporate egress proxy in miniature: forwards absolute-URI requests and opens CONNECT tunnels, and records both. */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const forwarded: ForwardedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    if (!/^https?:\/\//.test(target)) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('a forward proxy expects an absolute URI\n');
      return;
    }
    forwarded.push({ kind: 'http', method: req.method ?? 'GET', target });
    forwardRequest(new URL(target), req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  /** Opens a TCP connection to host:port, says `greeting` to one side once connected, then relays both ways. */
  const relay = (
    client: Duplex,
    host: string,
    port: number,
    head: Buffer,
    greet: (upstream: Socket) => void,
  ) => {
    const upstream = connect(port, host, () => {
      greet(upstream);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  };
  server.on('connect', (req, client, head) => {
    const target = req.url ?? '';
    forwarded.push({ kind: 'connect', method: 'CONNECT', target });
    const [host, port] = splitHostPort(target);
    relay(client, host, port, head, () => client.write('HTTP/1.1 200 Connection Established\r\n\r\n'));
  });
  // A WebSocket to a plain ws:// URL arrives as an absolute-URI GET with Upgrade: replay the request upstream.
  server.on('upgrade', (req, client, head) => {
    const target = new URL(req.url ?? '');
    forwarded.push({ kind: 'http', method: req.method ?? 'GET', target: target.href });
    const headers = Object.entries(req.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((one) => `${name}: ${one}\r\n`),
    );
    const requestHead = `${req.method} ${target.pathname}${target.search} HTTP/1.1\r\n${headers.join('')}\r\n`;
    relay(client, target.hostname, Number(target.port || 80), head, (upstream) =>
      upstream.write(requestHead),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    clear: () => {
      forwarded.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(target: string): [string, number] {
  const colon = target.lastIndexOf(':');
  return [target.slice(0, colon).replace(/^\[|\]$/g, ''), Number(target.slice(colon + 1))];
}

/** Sends `req` on to `url` and pipes the answer back (a 502 when the upstream cannot be reached). */
export function forwardRequest(url: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(url, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}
