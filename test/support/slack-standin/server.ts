import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateBlocks } from './block-validation.js';
import { FaultBook } from './faults.js';
import { MessageStore } from './message-store.js';
import { pageChannels } from './page-model.js';
import { printerFor, renderMessageEvent, renderResponse } from './printer.js';
import { renderPage } from './render-html.js';
import { parseApiRequest, parseJsonObject, readBody } from './request-body.js';
import { ResponseUrlBook } from './response-urls.js';
import { Sleeper } from './sleeper.js';
import { SOCKET_MODE_PATH, SocketModeHub } from './socket-mode.js';
import type {
  FaultSpec,
  MessageFilter,
  PostedMessage,
  RecordedCall,
  SlackStandin,
  SlackStandinOptions,
} from './types.js';
import { pollUntil } from './waiting.js';
import { callWebApi } from './web-api.js';
import type { StandinIdentity, WebApiContext } from './web-api-context.js';

const DEFAULT_WAIT_MS = 10_000;
/** The pseudo method name faults and latency use for response_url posts. */
export const RESPONSE_URL_METHOD = 'response_url';

/** Starts a local stand-in of Slack's Web API and response_url endpoints on 127.0.0.1. */
export async function startSlackStandin(options: SlackStandinOptions = {}): Promise<SlackStandin> {
  const identity: StandinIdentity = {
    botToken: options.botToken ?? 'xoxb-test_standin_token',
    teamId: options.teamId ?? 'T0STANDIN',
    botUserId: options.botUserId ?? 'U0STANDINBOT',
    botId: options.botId ?? 'B0STANDIN',
    botName: options.botName ?? 'tfactions',
    appId: 'A0STANDIN',
    teamDomain: 'standin',
  };
  const store = new MessageStore();
  const faults = new FaultBook();
  const responseUrls = new ResponseUrlBook();
  const sleeper = new Sleeper();
  const members = new Map(Object.entries(options.members ?? {}));
  const archived = new Set<string>();
  const channelNames = new Map(Object.entries(options.channelNames ?? {}));
  const calls: RecordedCall[] = [];
  const print = printerFor(options.print);
  const channelName = (channelId: string) => channelNames.get(channelId) ?? channelId.toLowerCase();
  let baseUrl = '';

  const context: WebApiContext = {
    identity,
    store,
    get baseUrl() {
      return baseUrl;
    },
    isMember: (channelId) => members.get(channelId) ?? true,
    isArchived: (channelId) => archived.has(channelId),
    channelName,
    onMessageEvent: (event) => print?.(renderMessageEvent(event)),
  };

  /** Applies a fault; true when the request has been answered (or dropped) by it. */
  const applyFault = async (
    fault: FaultSpec,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ answered: false } | { answered: true; error: string; body?: Record<string, unknown> }> => {
    if (fault.delayMs !== undefined && !(await sleeper.sleep(fault.delayMs))) {
      request.socket.destroy();
      return { answered: true, error: 'standin_closed' };
    }
    if (fault.dropConnection) {
      request.socket.destroy();
      return { answered: true, error: 'connection_dropped' };
    }
    if (fault.status !== undefined) {
      const error = fault.error ?? (fault.status === 429 ? 'ratelimited' : `http_${fault.status}`);
      const headers: Record<string, string> =
        fault.status === 429 ? { 'retry-after': String(fault.retryAfterSeconds ?? 1) } : {};
      const body = { ok: false, error };
      sendJson(response, fault.status, body, headers);
      return { answered: true, error, body };
    }
    if (fault.error !== undefined) {
      const body = { ok: false, error: fault.error };
      sendJson(response, 200, body);
      return { answered: true, error: fault.error, body };
    }
    return { answered: false };
  };

  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const at = Date.now();
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    const { token, args } = parseApiRequest(await readBody(request), request, url.searchParams);
    if (!(await sleeper.sleep(faults.latencyFor(method)))) {
      request.socket.destroy();
      return;
    }
    const fault = faults.take(method);
    if (fault) {
      const outcome = await applyFault(fault, request, response);
      if (outcome.answered) {
        calls.push({
          method,
          args,
          ok: false,
          error: outcome.error,
          at,
          ...(outcome.body ? { response: outcome.body } : {}),
        });
        return;
      }
    }
    // apps.connections.open is the one method called with the app-level token (Socket Mode).
    const result =
      method === 'apps.connections.open'
        ? token?.startsWith('xapp-')
          ? { ok: true, url: `ws://127.0.0.1:${port}${SOCKET_MODE_PATH}` }
          : { ok: false, error: token ? 'not_allowed_token_type' : 'not_authed' }
        : callWebApi(method, token, args, context);
    calls.push({
      method,
      args,
      ok: result.ok,
      at,
      response: result,
      ...(result.error ? { error: result.error } : {}),
    });
    sendJson(response, 200, result);
  };

  const handleResponseUrl = async (
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
  ): Promise<void> => {
    const raw = await readBody(request);
    if (!responseUrls.has(id)) return sendText(response, 404, 'expired_url');
    if (!(await sleeper.sleep(faults.latencyFor(RESPONSE_URL_METHOD)))) {
      request.socket.destroy();
      return;
    }
    const fault = faults.take(RESPONSE_URL_METHOD);
    if (fault && (await applyFault(fault, request, response)).answered) return;
    const body = parseJsonObject(raw);
    if (Object.keys(body).length === 0) return sendText(response, 400, 'invalid_payload');
    if (body.blocks !== undefined && validateBlocks(body.blocks).length > 0)
      return sendText(response, 400, `invalid_blocks\n${validateBlocks(body.blocks).join('\n')}`);
    const hasContent = (typeof body.text === 'string' && body.text !== '') || Array.isArray(body.blocks);
    if (!hasContent && body.delete_original !== true) return sendText(response, 400, 'no_text');
    const recorded = responseUrls.record(id, body, store.nextTs());
    print?.(renderResponse(recorded));
    sendJson(response, 200, { ok: true });
  };

  const servePage = (response: ServerResponse): void => {
    const html = renderPage(pageChannels(store, responseUrls.list(), identity.botName, channelName), {
      title: 'Slack stand-in',
    });
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://standin.invalid');
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url);
    if (url.pathname.startsWith('/response/') && request.method === 'POST')
      return handleResponseUrl(request, response, url.pathname.slice('/response/'.length));
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html'))
      return servePage(response);
    sendText(response, 404, 'not_found');
  };

  let inFlight = 0;
  const server = createServer((request, response) => {
    inFlight += 1;
    route(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) sendText(response, 500, `stand-in error: ${String(error)}`);
        else response.destroy();
      })
      .finally(() => {
        inFlight -= 1;
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const socketMode = new SocketModeHub(server);
  baseUrl = `http://127.0.0.1:${port}`;

  const filtered = (filter: MessageFilter | undefined): PostedMessage[] => {
    const all = store.list();
    if (filter === undefined) return all;
    if (typeof filter === 'function') return all.filter(filter);
    return all.filter(
      (message) =>
        (filter.channel === undefined || message.channel === filter.channel) &&
        (filter.threadTs === undefined || message.threadTs === filter.threadTs) &&
        (!filter.topLevelOnly || message.threadTs === undefined),
    );
  };

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    port,
    botToken: identity.botToken,
    teamId: identity.teamId,
    botUserId: identity.botUserId,
    botId: identity.botId,
    get inFlight() {
      return inFlight;
    },
    get calls() {
      return calls.map((call) => ({ ...call }));
    },
    newResponseUrl: (responseContext) => `${baseUrl}/response/${responseUrls.create(responseContext)}`,
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms, method) => faults.setLatency(ms, method),
    setMember: (channelId, isMember) => {
      members.set(channelId, isMember);
    },
    setArchived: (channelId, isArchived) => {
      if (isArchived) archived.add(channelId);
      else archived.delete(channelId);
    },
    messages: (channelId) => store.list(channelId),
    ephemerals: (channelId) => store.ephemerals(channelId),
    responses: (id) => responseUrls.list(id),
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      pollUntil(predicate, timeoutMs, () => 'waiting for a condition'),
    async waitForMessages(count, filter, timeoutMs = DEFAULT_WAIT_MS) {
      await pollUntil(
        () => filtered(filter).length >= count,
        timeoutMs,
        () => `waiting for ${count} message(s), found ${filtered(filter).length}`,
      );
      return filtered(filter);
    },
    async waitForResponses(count, id, timeoutMs = DEFAULT_WAIT_MS) {
      await pollUntil(
        () => responseUrls.list(id).length >= count,
        timeoutMs,
        () => `waiting for ${count} response_url post(s), found ${responseUrls.list(id).length}`,
      );
      return responseUrls.list(id);
    },
    clearCalls: () => {
      calls.length = 0;
    },
    socketMode,
    close: async () => {
      sleeper.closeAll();
      socketMode.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
