import fetch from 'node-fetch';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { get, getError } from './hcp-simulator-client.js';

describe('HCP simulator faults, latency, rate limit and clock', () => {
  let sim: HcpSimulator;
  let workspacePath: string;

  beforeEach(async () => {
    sim = await startHcpSimulator();
    workspacePath = `/workspaces/${sim.addWorkspace({ name: 'w', organization: 'o' }).id}`;
  });

  afterEach(async () => {
    await sim.close();
  });

  describe('faults', () => {
    test('429 with Retry-After, twice, then the real answer', async () => {
      sim.injectFault({ status: 429, retryAfterSeconds: 3, times: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await getError(sim, workspacePath);
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('retry-after')).toBe('3');
          expect(response.body).toEqual({ errors: [{ status: '429', title: 'too many requests' }] });
        }
      }
      expect(statuses).toEqual([429, 429, 200]);
      expect(sim.requests.map((request) => request.status)).toEqual([429, 429, 200]);
    });

    test('X-RateLimit-Reset on request', async () => {
      sim.injectFault({ status: 429, rateLimitResetSeconds: 0.25 });
      const response = await get(sim, workspacePath);
      expect(response.headers.get('x-ratelimit-reset')).toBe('0.25');
      expect(response.headers.get('x-ratelimit-limit')).toBe('30');
      expect(response.headers.get('retry-after')).toBeNull();
    });

    test('500 with a JSON:API error body by default', async () => {
      sim.injectFault({});
      const response = await getError(sim, workspacePath);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
      expect(response.body).toEqual({ errors: [{ status: '500', title: 'internal server error' }] });
    });

    test('a raw body: malformed JSON, HTML, or JSON that is not JSON:API', async () => {
      sim.injectFault({ status: 200, body: '{"data": [' });
      sim.injectFault({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
      sim.injectFault({ status: 200, body: '{"items": []}', contentType: 'application/json' });
      const malformed = await fetch(`${sim.address}/api/v2${workspacePath}`, {
        headers: { Authorization: `Bearer ${sim.token}` },
      });
      expect(await malformed.text()).toBe('{"data": [');
      const html = await get<string>(sim, workspacePath);
      expect([html.status, html.headers.get('content-type'), html.body]).toEqual([
        502,
        'text/html',
        '<html>Bad Gateway</html>',
      ]);
      const foreign = await get(sim, workspacePath);
      expect([foreign.status, foreign.body]).toEqual([200, { items: [] }]);
      expect((await get(sim, workspacePath)).status).toBe(200);
    });

    test('dropConnection destroys the socket; the next request is answered', async () => {
      sim.injectFault({ dropConnection: true });
      await expect(get(sim, workspacePath)).rejects.toThrow();
      expect((await get(sim, workspacePath)).status).toBe(200);
      expect(sim.requests.map((request) => request.status)).toEqual([0, 200]);
    });

    test('faults match on the pathname and are consumed in the order added', async () => {
      sim.injectFault({ match: /\/terraform-actions$/, status: 503 });
      sim.injectFault({ status: 500, times: 1 });
      sim.injectFault({ match: /\/terraform-actions$/, status: 502 });
      const actionsPath = `${workspacePath}/terraform-actions`;
      expect((await get(sim, workspacePath)).status).toBe(500);
      expect((await get(sim, workspacePath)).status).toBe(200);
      expect((await get(sim, actionsPath)).status).toBe(503);
      expect((await get(sim, actionsPath)).status).toBe(502);
      expect((await get(sim, actionsPath)).status).toBe(200);
    });

    test('times: Infinity lasts until clearFaults', async () => {
      sim.injectFault({ status: 503, times: Number.POSITIVE_INFINITY });
      for (let i = 0; i < 5; i += 1) expect((await get(sim, workspacePath)).status).toBe(503);
      sim.clearFaults();
      expect((await get(sim, workspacePath)).status).toBe(200);
    });

    test('faults answer even unauthorized requests; without faults those are 401s', async () => {
      sim.injectFault({ status: 503 });
      expect((await get(sim, workspacePath, { token: null })).status).toBe(503);
      expect((await get(sim, workspacePath, { token: null })).status).toBe(401);
    });

    test('a delay-only fault slows the real answer: a later, undelayed request overtakes it', async () => {
      sim.injectFault({ delayMs: 400 });
      const order: string[] = [];
      const slow = get(sim, workspacePath).then((response) => order.push(`slow ${response.status}`));
      // Wait until the slow request has arrived and consumed the fault.
      while (sim.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const fast = get(sim, workspacePath).then((response) => order.push(`fast ${response.status}`));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['fast 200', 'slow 200']);
    });

    test('a delayed fault answers after the delay', async () => {
      sim.injectFault({ delayMs: 100, status: 500 });
      const started = performance.now();
      expect((await get(sim, workspacePath)).status).toBe(500);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    });

    test('times must be positive', () => {
      expect(() => sim.injectFault({ times: 0 })).toThrow(/positive/);
    });
  });

  describe('latency', () => {
    test('applies to matching paths only', async () => {
      sim.setLatency(400, /terraform-actions/);
      const order: string[] = [];
      const slow = get(sim, `${workspacePath}/terraform-actions`).then(() => order.push('slow'));
      while (sim.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const fast = get(sim, workspacePath).then(() => order.push('fast'));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['fast', 'slow']);
    });

    test('delays at least the set time', async () => {
      sim.setLatency(150);
      const started = performance.now();
      await get(sim, workspacePath);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    test('a later rule for the same pattern replaces the earlier one; clearLatency removes all', async () => {
      sim.setLatency(60_000);
      sim.setLatency(0);
      sim.setLatency(60_000, /w/);
      sim.setLatency(0, /w/);
      expect((await get(sim, workspacePath)).status).toBe(200);
      sim.setLatency(60_000, /workspaces/);
      sim.clearLatency();
      expect((await get(sim, workspacePath)).status).toBe(200);
    });

    test('close() does not wait for delayed requests', async () => {
      const other = await startHcpSimulator();
      other.setLatency(60_000);
      const pending = get(other, '/workspaces/ws-x').then(
        () => 'answered',
        () => 'connection closed',
      );
      while (other.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await other.close();
      expect(await pending).toBe('connection closed');
    });
  });

  describe('rate limit', () => {
    test('more than N requests within 1 s get 429 with Retry-After and X-RateLimit headers', async () => {
      const limited = await startHcpSimulator({ rateLimitPerSecond: 5 });
      try {
        const responses = await Promise.all(
          Array.from({ length: 30 }, () => get(limited, '/workspaces/ws-x')),
        );
        const refused = responses.filter((response) => response.status === 429);
        expect(refused.length).toBeGreaterThan(0);
        expect(limited.rateLimitedCount).toBe(refused.length);
        expect(limited.requests.filter((request) => request.status === 429)).toHaveLength(refused.length);
        for (const response of refused) {
          expect(response.headers.get('retry-after')).toBe('1');
          expect(response.headers.get('x-ratelimit-limit')).toBe('5');
          const reset = Number(response.headers.get('x-ratelimit-reset'));
          expect(reset).toBeGreaterThanOrEqual(0);
          expect(reset).toBeLessThanOrEqual(1);
        }
        // The answered ones respect the limit in every window.
        expect(limited.maxRequestsInWindow(1000, (request) => request.status !== 429)).toBeLessThanOrEqual(5);
      } finally {
        await limited.close();
      }
    });
  });

  describe('maxRequestsInWindow', () => {
    test('counts over the recorded arrivals', async () => {
      for (let i = 0; i < 4; i += 1) await get(sim, workspacePath);
      await get(sim, workspacePath, { token: null });
      expect(sim.maxRequestsInWindow(3_600_000)).toBe(5);
      expect(sim.maxRequestsInWindow(3_600_000, (request) => request.authorized)).toBe(4);
      expect(sim.maxRequestsInWindow(0)).toBe(0);
      sim.clearRequests();
      expect(sim.maxRequestsInWindow(1000)).toBe(0);
    });
  });

  describe('clock', () => {
    test('Date header and default timestamps follow the simulator clock', async () => {
      sim.setClock('2030-01-02T03:04:05Z');
      sim.freezeClock();
      expect(sim.now()).toBe('2030-01-02T03:04:05Z');
      expect((await get(sim, workspacePath)).headers.get('date')).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
      sim.advanceClock(60);
      expect((await get(sim, '/nope')).headers.get('date')).toBe('Wed, 02 Jan 2030 03:05:05 GMT');
      const workspaceId = workspacePath.split('/')[2] ?? '';
      const action = sim.addAction({ workspaceId, address: 'action.terraform_data.x' });
      const run = sim.addRun({ workspaceId });
      expect(sim.addInvocation({ actionId: action.id, runId: run.id }).invokedAt).toBe(
        '2030-01-02T03:05:05Z',
      );
      expect(action.createdAt).toBe('2030-01-02T03:05:05Z');
    });

    test('unfrozen, the clock runs from where it was set', async () => {
      sim.setClock('2030-01-02T03:04:05Z');
      const date = Date.parse((await get(sim, workspacePath)).headers.get('date') ?? '');
      expect(date).toBeGreaterThanOrEqual(Date.parse('2030-01-02T03:04:05Z'));
      expect(date).toBeLessThan(Date.parse('2030-01-02T03:04:05Z') + 60_000);
      sim.freezeClock();
      const frozen = sim.now();
      sim.freezeClock(false);
      expect(sim.now() >= frozen).toBe(true);
    });

    test('setClock accepts offsets and refuses nonsense', () => {
      sim.freezeClock();
      sim.setClock('2030-01-02T05:04:05.900+02:00');
      expect(sim.now()).toBe('2030-01-02T03:04:05Z');
      expect(() => sim.setClock('soon')).toThrow(/ISO-8601/);
    });
  });
});
