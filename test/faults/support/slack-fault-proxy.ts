import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault for one Web API method in one channel only. The stand-in's own faults match the method alone; this
 * proxy sits between the worker and the stand-in so one channel can fail while the others keep working.
 */
export interface ChannelFault {
  method: string;
  channel: string;
  /** Answer HTTP 200 `{ ok: false, error }`. */
  error?: string;
  /** Answer with this HTTP status (429 carries Retry-After). */
  status?: number;
  retryAfterSeconds?: number;
  /** Hold the call this long, then pass it on: Slack completes the call even if the client gave up. */
  delayMs?: number;
  /** How many matching calls the fault takes; default every one. */
  times?: number;
}

export interface ProxiedCall {
  method: string;
  channel: string | undefined;
  /** The fault that answered it, if one did. */
  fault?: ChannelFault;
}

export interface SlackFaultProxy {
  /** Pass as SLACK_API_URL. */
  readonly apiUrl: string;
  /** Every call that came through, oldest first. */
  readonly calls: readonly ProxiedCall[];
  inject(fault: ChannelFault): void;
  close(): Promise<void>;
}

interface Armed {
  fault: ChannelFault;
  remaining: number;
}

export async function startSlackFaultProxy(targetApiUrl: string): Promise<SlackFaultProxy> {
  const target = new URL(targetApiUrl);
  const armed: Armed[] = [];
  const calls: ProxiedCall[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const take = (method: string, channel: string | undefined): ChannelFault | undefined => {
    const found = armed.find((entry) => entry.fault.method === method && entry.fault.channel === channel);
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) armed.splice(armed.indexOf(found), 1);
    return found.fault;
  };

  const forward = (request: IncomingMessage, body: Buffer, response: ServerResponse): void => {
    const upstream = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host, 'content-length': String(body.length) },
      },
      (answer) => {
        if (response.destroyed) {
          answer.resume();
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (request.url ?? '').split('?')[0]?.replace(/^.*\/api\//, '') ?? '';
    const channel = channelOf(body, request.headers['content-type']);
    const fault = take(method, channel);
    calls.push(fault ? { method, channel, fault } : { method, channel });
    if (!fault) return forward(request, body, response);
    if (fault.delayMs !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.delayMs);
        timers.add(timer);
      });
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      response.writeHead(fault.status, headers);
      response.end(JSON.stringify({ ok: false, error: fault.error ?? `http_${fault.status}` }));
    } else if (fault.error !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: fault.error }));
    } else forward(request, body, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    inject(fault) {
      armed.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function channelOf(body: Buffer, contentType: string | undefined): string | undefined {
  const text = body.toString('utf8');
  if ((contentType ?? '').includes('application/json')) {
    try {
      const value: unknown = JSON.parse(text);
      const channel = typeof value === 'object' && value !== null ? Reflect.get(value, 'channel') : undefined;
      return typeof channel === 'string' ? channel : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text).get('channel') ?? undefined;
}
