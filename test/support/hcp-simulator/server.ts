import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApiError, errorDocument, titleOf } from './api-error.js';
import { SimClock } from './clock.js';
import { FaultBook, onlyDelays } from './faults.js';
import { attachOrgDirectory } from './org-directory.js';
import { pageUrlBuilder } from './pagination.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { RequestLog } from './recorder.js';
import { matchRoute } from './router.js';
import { SimRunLogs } from './run-logs/book.js';
import { loadSeedState } from './seed-state.js';
import { SimStore } from './store.js';
import type { FaultSpec, HcpSimulator, SimulatorOptions } from './types.js';
import { withVariance } from './variance.js';

const JSON_API = 'application/vnd.api+json';
/** HCP Terraform's documented limit, announced on injected rate-limit faults when no limit is configured. */
const HCP_RATE_LIMIT = 30;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Starts the HCP Terraform actions API simulator on 127.0.0.1 (plain node:http, usable outside jest). */
export async function startHcpSimulator(options: SimulatorOptions = {}): Promise<HcpSimulator> {
  const token = options.token ?? 'sim-token';
  const paginationStyle = options.paginationStyle ?? 'both';
  const statusAsNumber = options.errorStatusAsNumber ?? false;
  let variance = options.variance ?? false;
  const clock = new SimClock();
  const store = new SimStore(clock);
  const organizations = attachOrgDirectory(store, clock);
  const faults = new FaultBook();
  const log = new RequestLog();
  const runLogs = new SimRunLogs(clock, () => origin);
  const limiter =
    options.rateLimitPerSecond === undefined
      ? undefined
      : new SlidingWindowLimiter(options.rateLimitPerSecond);
  const timers = new Set<NodeJS.Timeout>();
  let rateLimitedCount = 0;
  let closed = false;
  let origin = '';

  const errorAnswer = (error: ApiError, headers: Record<string, string> = {}): Answer => ({
    status: error.status,
    headers: { 'Content-Type': JSON_API, ...headers },
    body: JSON.stringify(errorDocument(error, statusAsNumber)),
  });

  const apiAnswer = (method: string, url: URL, authorized: boolean): Answer => {
    if (!authorized) return errorAnswer(new ApiError(401, 'unauthorized'));
    const matched = matchRoute(method, url.pathname) ?? runLogs.matchRoute(method, url.pathname);
    if (!matched) return errorAnswer(new ApiError(404, 'not found'));
    try {
      const reply = matched.handler({
        store,
        params: matched.params,
        query: url.searchParams,
        paginationStyle,
        pageUrl: pageUrlBuilder(origin, url.pathname, url.searchParams),
      });
      const runId = matched.params['runId'];
      const runInProgress = runId !== undefined && store.run(runId)?.inProgress === true;
      const body = variance ? withVariance(reply.body, { runInProgress }) : reply.body;
      return { status: reply.status, headers: { 'Content-Type': JSON_API }, body: JSON.stringify(body) };
    } catch (error) {
      if (error instanceof ApiError) return errorAnswer(error);
      const detail = error instanceof Error ? error.message : String(error);
      return errorAnswer(new ApiError(500, 'internal server error', `simulator bug: ${detail}`));
    }
  };

  const faultAnswer = (fault: FaultSpec): Answer => {
    const status = fault.status ?? 500;
    const headers: Record<string, string> = { 'Content-Type': fault.contentType ?? JSON_API };
    if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
    if (fault.rateLimitResetSeconds !== undefined) {
      headers['X-RateLimit-Limit'] = String(limiter?.limit ?? HCP_RATE_LIMIT);
      headers['X-RateLimit-Reset'] = String(fault.rateLimitResetSeconds);
    }
    const body =
      fault.body ?? JSON.stringify(errorDocument(new ApiError(status, titleOf(status)), statusAsNumber));
    return { status, headers, body };
  };

  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const receivedAt = performance.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    const authorized = isAuthorized(request.headers.authorization, token);
    const entry = log.arrive(method, url, authorized, receivedAt);
    // Logs come from a separate service behind pre-signed URLs: no token, no API rate limit.
    if (runLogs.isLogPath(url.pathname)) {
      entry.status = await runLogs.serveLog(request, url, response);
      return;
    }
    // Admission and fault consumption happen on arrival, so concurrent requests see them in arrival order.
    const admission = limiter ? limiter.admit(receivedAt) : { admitted: true as const };
    if (!admission.admitted) rateLimitedCount += 1;
    const fault = admission.admitted ? faults.take(url.pathname) : undefined;

    await sleep(faults.latencyFor(url.pathname) + (fault?.delayMs ?? 0));
    if (closed) return;
    if (fault?.dropConnection) {
      request.socket.destroy();
      return;
    }
    let answer: Answer;
    if (!admission.admitted)
      answer = errorAnswer(new ApiError(429, 'too many requests'), {
        'Retry-After': '1',
        'X-RateLimit-Limit': String(limiter?.limit ?? HCP_RATE_LIMIT),
        'X-RateLimit-Reset': admission.resetSeconds.toFixed(3),
      });
    else if (fault && !onlyDelays(fault)) answer = faultAnswer(fault);
    else answer = apiAnswer(method, url, authorized);

    entry.status = answer.status;
    response.writeHead(answer.status, {
      ...answer.headers,
      Date: clock.httpDate(),
      'Content-Length': String(Buffer.byteLength(answer.body)),
    });
    response.end(answer.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Nothing above should throw; if it does, fail this request loudly rather than hang the client.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`simulator failure: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    address: origin,
    token,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    organizations,
    addWorkspace: (input) => store.addWorkspace(input),
    addAction: (input) => store.addAction(input),
    addRun: (input) => store.addRun(input),
    addInvocation: (input) => store.addInvocation(input),
    setInvocationStatus: (invocationId, status) => store.setInvocationStatus(invocationId, status),
    finishRun: (runId) => store.setRunInProgress(runId, false),
    setRunInProgress: (runId, inProgress) => store.setRunInProgress(runId, inProgress),
    loadSeedSamples: (which) => loadSeedState(store, which),
    getWorkspace: (id) => store.workspace(id),
    getAction: (id) => store.action(id),
    getRun: (id) => store.run(id),
    getInvocation: (id) => store.invocation(id),
    runLogs,
    now: () => clock.now(),
    setClock: (iso) => clock.set(iso),
    advanceClock: (seconds) => clock.advance(seconds),
    freezeClock: (frozen = true) => clock.freeze(frozen),
    setLatency: (ms, match) => faults.setLatency(ms, match),
    clearLatency: () => faults.clearLatency(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setVariance: (on = true) => {
      variance = on;
    },
    get requests() {
      return log.entries;
    },
    clearRequests: () => log.clear(),
    maxRequestsInWindow: (windowMs, predicate) => log.maxInWindow(windowMs, predicate),
    get rateLimitedCount() {
      return rateLimitedCount;
    },
  };
}

function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] === token;
}
