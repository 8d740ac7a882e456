import { createHcpClient } from '../../src/hcp/client.js';
import {
  type HcpError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '../../src/hcp/errors.js';
import { InvalidIdError } from '../../src/hcp/ids.js';
import { unpaced } from '../../src/hcp/pacing.js';
import type { RequestEvent } from '../../src/hcp/transport.js';
import { type HcpSimulator, SEED, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { freePort } from '../support/redis-server.js';
import { collect, simClient } from './sim-client.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

let sim: HcpSimulator;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 't0ken-abc' });
  sim.loadSeedSamples('list');
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.clearFaults();
  sim.clearLatency();
  sim.clearRequests();
});

describe('error classes', () => {
  test('404: NotFoundError naming all three meanings, not retried', async () => {
    const { client, sleeps } = simClient(sim);
    const error = await failure(client.getAction('action-doesNotExist1'));
    expect(error).toBeInstanceOf(NotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('action action-doesNotExist1');
    expect(message).toMatch(/not found/);
    expect(message).toMatch(/no access/);
    expect(message).toMatch(/not entitled/);
    expect((error as HcpError).request).toBe('GET /terraform-actions/action-doesNotExist1');
    expect(sim.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('401: UnauthorizedError, not retried', async () => {
    const { client } = simClient(sim, { token: 'wr0ng-token' });
    const error = await failure(client.getWorkspace(SEED.workspaceId));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as HcpError).httpStatus).toBe(401);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]?.authorized).toBe(false);
  });

  test('400 and 422: InvalidRequestError with the JSON:API details, status as a string or a number', async () => {
    const { client } = simClient(sim);
    sim.injectFault({
      status: 400,
      times: 2,
      body: JSON.stringify({
        errors: [
          {
            status: '400',
            title: 'invalid attribute',
            detail: 'bad status',
            source: { parameter: 'filter[status]' },
          },
          { status: 400, title: 'invalid pointer', source: { pointer: '/data/attributes/x' } },
        ],
      }),
    });
    const error = await failure(client.listInvocations(SEED.actionId, SEED.runId));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).details).toEqual([
      { status: 400, title: 'invalid attribute', detail: 'bad status', source: 'filter[status]' },
      { status: 400, title: 'invalid pointer', detail: null, source: '/data/attributes/x' },
    ]);
    expect((error as Error).message).toContain('bad status (filter[status])');
    expect(sim.requests).toHaveLength(1);

    sim.clearFaults();
    sim.injectFault({ status: 422, body: '{"errors":[{"status":422,"title":"unprocessable"}]}' });
    const unprocessable = await failure(client.listActions(SEED.workspaceId));
    expect(unprocessable).toBeInstanceOf(InvalidRequestError);
    expect((unprocessable as InvalidRequestError).httpStatus).toBe(422);
    expect((unprocessable as InvalidRequestError).details[0]?.status).toBe(422);
  });

  test('the simulator with numeric error statuses', async () => {
    const numeric = await startHcpSimulator({ token: 't0ken-abc', errorStatusAsNumber: true });
    try {
      numeric.injectFault({ status: 400 });
      const error = await failure(simClient(numeric).client.listActions(SEED.workspaceId));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).details[0]?.status).toBe(400);
    } finally {
      await numeric.close();
    }
  });

  test('429 past the last attempt: RateLimitedError with the wait the server asked', async () => {
    const { client, sleeps } = simClient(sim, { maxAttempts: 2 });
    sim.injectFault({ status: 429, retryAfterSeconds: 3, times: Number.POSITIVE_INFINITY });
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(3);
    expect(sim.requests).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  test('5xx: ServerError after maxAttempts, with exponential backoff between attempts', async () => {
    const { client, sleeps } = simClient(sim);
    sim.injectFault({ status: 503, times: Number.POSITIVE_INFINITY });
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).httpStatus).toBe(503);
    expect(sim.requests).toHaveLength(5);
    // random() = 0.5: three quarters of each step of 250, 500, 1000, 2000 ms.
    expect(sleeps).toEqual([188, 375, 750, 1500]);
  });

  test('timeout: TimeoutError per attempt', async () => {
    const { client } = simClient(sim, { timeoutMs: 100, maxAttempts: 2 });
    sim.setLatency(2000);
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(sim.requests).toHaveLength(2);
  });

  test('a dropped connection: NetworkError', async () => {
    const { client } = simClient(sim, { maxAttempts: 1 });
    sim.injectFault({ dropConnection: true });
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(NetworkError);
  });

  test('nobody listening: NetworkError', async () => {
    const port = await freePort();
    const client = createHcpClient({
      address: `http://127.0.0.1:${port}`,
      token: 't0ken-abc',
      pacer: unpaced,
      maxAttempts: 1,
    });
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  test.each([
    ['invalid JSON', { status: 200, body: '{"data": [' }],
    ['HTML', { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' }],
    ['JSON that is not JSON:API', { status: 200, body: '{"hello":"world"}' }],
    ['a resource without id', { status: 200, body: '{"data":{"type":"actions","attributes":{}}}' }],
  ])('a 200 with %s: MalformedResponseError, not retried', async (_name, fault) => {
    const { client } = simClient(sim);
    sim.injectFault(fault);
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(sim.requests).toHaveLength(1);
  });
});

test('a redirect is not followed (the token stays with TFE_ADDRESS): MalformedResponseError', async () => {
  const { client } = simClient(sim);
  sim.injectFault({ status: 302, body: '' });
  const error = await failure(client.getAction(SEED.actionId));
  expect(error).toBeInstanceOf(MalformedResponseError);
  expect((error as Error).message).toContain('redirect');
  expect(sim.requests).toHaveLength(1);
});

describe('retries', () => {
  test('Retry-After is honoured, then the request succeeds', async () => {
    const { client, sleeps } = simClient(sim);
    sim.injectFault({ status: 429, retryAfterSeconds: 2 });
    const action = await client.getAction(SEED.actionId);
    expect(action.id).toBe(SEED.actionId);
    expect(sleeps).toEqual([2000]);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  test('X-RateLimit-Reset when there is no Retry-After', async () => {
    const { client, sleeps } = simClient(sim);
    sim.injectFault({ status: 429, rateLimitResetSeconds: 0.4 });
    await client.getAction(SEED.actionId);
    expect(sleeps).toEqual([400]);
  });

  test('a 429 without any hint backs off with jitter', async () => {
    const { client, sleeps } = simClient(sim, { random: () => 0 });
    sim.injectFault({ status: 429, times: 2 });
    await client.getAction(SEED.actionId);
    expect(sleeps).toEqual([125, 250]);
  });

  test('5xx, timeouts and dropped connections are retried until one succeeds', async () => {
    const { client, sleeps } = simClient(sim, { timeoutMs: 200 });
    sim.injectFault({ status: 502 });
    sim.injectFault({ dropConnection: true });
    sim.injectFault({ delayMs: 1500 });
    const action = await client.getAction(SEED.actionId);
    expect(action.id).toBe(SEED.actionId);
    expect(sim.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  test('4xx other than 429 are never retried', async () => {
    const { client, sleeps } = simClient(sim);
    for (const status of [400, 401, 403, 404, 409, 422]) {
      sim.clearRequests();
      sim.clearFaults();
      sim.injectFault({ status, times: Number.POSITIVE_INFINITY });
      await failure(client.getAction(SEED.actionId));
      expect(sim.requests).toHaveLength(1);
    }
    expect(sleeps).toEqual([]);
  });

  test('maxRetryTimeMs: a wait that would pass the budget is not started', async () => {
    const { client, sleeps } = simClient(sim, { maxRetryTimeMs: 30_000 });
    sim.injectFault({ status: 429, retryAfterSeconds: 60 });
    const error = await failure(client.getAction(SEED.actionId));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(sleeps).toEqual([]);
    expect(sim.requests).toHaveLength(1);
  });

  test('maxRetryTimeMs counts the waits already made', async () => {
    const { client, sleeps } = simClient(sim, { maxRetryTimeMs: 5000, maxAttempts: 10 });
    sim.injectFault({ status: 429, retryAfterSeconds: 2, times: Number.POSITIVE_INFINITY });
    await failure(client.getAction(SEED.actionId));
    expect(sleeps).toEqual([2000, 2000]);
    expect(sim.requests).toHaveLength(3);
  });

  test('the metrics hook sees every attempt', async () => {
    const events: RequestEvent[] = [];
    const { client } = simClient(sim, { onRequest: (event) => events.push(event) });
    sim.injectFault({ status: 500 });
    await client.getAction(SEED.actionId);
    expect(events.map(({ durationMs: _, ...rest }) => rest)).toEqual([
      {
        method: 'GET',
        path: `/terraform-actions/${SEED.actionId}`,
        route: '/terraform-actions/:action_id',
        status: 500,
        attempt: 1,
        errorKind: 'server',
      },
      {
        method: 'GET',
        path: `/terraform-actions/${SEED.actionId}`,
        route: '/terraform-actions/:action_id',
        status: 200,
        attempt: 2,
      },
    ]);
    expect(events.every((event) => event.durationMs >= 0)).toBe(true);
  });
});

describe('IDs and names are checked before anything is sent', () => {
  const BAD = ['action-x/../y', '../../organizations/acme', '', 'a'.repeat(10_240), 'ws-a b', 'run-1?x=y'];

  test.each(
    BAD.map((value) => [
      value.length > 40 ? `${value.slice(0, 20)}… (${value.length} chars)` : JSON.stringify(value),
      value,
    ]),
  )('%s is rejected by every method', async (_label, bad) => {
    const { client } = simClient(sim);
    const calls: Array<() => Promise<unknown>> = [
      () => client.listActions(bad),
      () => client.getActionFilterOptions(bad),
      () => client.getAction(bad),
      () => client.listRunSummaries(bad),
      () => collect(client.iterateRunSummaries(bad)),
      () => client.getInvocationFilterOptions(bad),
      () => client.listInvocations(bad, SEED.runId),
      () => client.listInvocations(SEED.actionId, bad),
      () => client.listResourceGroups(bad, SEED.runId),
      () => client.listResourceGroups(SEED.actionId, bad),
      () => client.getWorkspace(bad),
      () => client.getWorkspaceByName(bad, 'name'),
      () => client.getWorkspaceByName('acme', bad),
    ];
    for (const call of calls) expect(await failure(call())).toBeInstanceOf(InvalidIdError);
    expect(sim.requests).toHaveLength(0);
  });

  test('bad options throw a RangeError and send nothing', async () => {
    const { client } = simClient(sim);
    expect(await failure(client.listActions(SEED.workspaceId, { pageSize: 101 }))).toBeInstanceOf(RangeError);
    expect(await failure(client.listRunSummaries(SEED.actionId, { runId: '../x' }))).toBeInstanceOf(
      RangeError,
    );
    expect(sim.requests).toHaveLength(0);
  });
});

describe('verifyToken', () => {
  test('an accepted token without an account endpoint answers', async () => {
    const { client } = simClient(sim);
    await expect(client.verifyToken()).resolves.toEqual(expect.any(String));
  });

  test('a refused token rejects with UnauthorizedError', async () => {
    const { client } = simClient(sim, { token: 'wr0ng-token' });
    expect(await failure(client.verifyToken())).toBeInstanceOf(UnauthorizedError);
  });
});
