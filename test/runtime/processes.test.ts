import { type Child, httpStatus, spawnEntry, waitUntil } from '../support/child-process.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { freePort, type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

let sim: HcpSimulator;
let slack: SlackStandin;
let redis: RedisServerHandle;
const children: Child[] = [];

beforeAll(async () => {
  [sim, slack, redis] = await Promise.all([startHcpSimulator(), startSlackStandin(), startRedisServer()]);
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

afterAll(async () => {
  await Promise.all([sim.close(), slack.close(), redis.stop()]);
});

function env(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'process-test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_URL: redis.url,
    PORT: String(port),
    POLL_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

function start(entry: string, variables: Record<string, string>): Child {
  const child = spawnEntry(entry, variables);
  children.push(child);
  return child;
}

test('a bad configuration stops start-up with one message naming every problem, and no secret', async () => {
  const child = start('src/web.ts', {
    SLACK_BOT_TOKEN: 'xoxp-test_not_a_bot_token',
    TFE_ADDRESS: 'nowhere',
    POLL_INTERVAL_SECONDS: 'often',
  });
  expect(await child.exited).toBe(1);
  const output = child.output();
  for (const name of [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'TFE_TOKEN',
    'TFE_ADDRESS',
    'POLL_INTERVAL_SECONDS',
  ])
    expect(output).toContain(name);
  expect(output).not.toContain('xoxp-test_not_a_bot_token');
  expect(output.match(/cannot start/g)).toHaveLength(1);
});

test('the worker serves /healthz and Prometheus /metrics on WORKER_PORT, and stops on SIGTERM within 10 s with exit 0', async () => {
  const port = await freePort();
  const worker = start('src/worker.ts', env(await freePort(), { WORKER_PORT: String(port) }));
  await waitUntil(
    async () => (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200,
    30_000,
    'worker health',
  );
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  for (const series of [
    'tfactions_polls_total',
    'tfactions_poll_hcp_errors_total',
    'tfactions_alerts_posted_total',
    'tfactions_alert_latency_seconds',
    'tfactions_queue_depth',
    'tfactions_hcp_requests_total',
    'tfactions_hcp_items_skipped_total',
  ])
    expect(metrics).toContain(series);
  const stoppedAt = Date.now();
  worker.kill('SIGTERM');
  expect(await worker.exited).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  expect(worker.output()).toContain('worker stopped');
}, 60_000);

test('npm start runs web and worker in one process: /slack/events, /healthz and /metrics on one port', async () => {
  const port = await freePort();
  const main = start('src/main.ts', env(port));
  await waitUntil(
    async () => (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200,
    30_000,
    'main health',
  );
  expect(await httpStatus(`http://127.0.0.1:${port}/metrics`)).toBe(200);
  const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x=1' });
  expect(unsigned.status).toBe(401);
  expect(main.output()).toContain('worker ready');
  main.kill('SIGTERM');
  expect(await main.exited).toBe(0);
}, 60_000);

test('the web /healthz answers 503 while Redis is down and 200 again when it is back', async () => {
  const own = await startRedisServer();
  try {
    const port = await freePort();
    start('src/web.ts', env(port, { REDIS_URL: own.url }));
    const url = `http://127.0.0.1:${port}/healthz`;
    await waitUntil(async () => (await httpStatus(url)) === 200, 30_000, 'web health');
    await own.stop();
    await waitUntil(async () => (await httpStatus(url)) === 503, 15_000, 'web health 503');
    await own.restart();
    await waitUntil(async () => (await httpStatus(url)) === 200, 30_000, 'web health back');
  } finally {
    await own.stop();
  }
}, 90_000);

async function processAt(port: number): Promise<string | null> {
  try {
    const body: unknown = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    return typeof body === 'object' && body !== null ? String(Reflect.get(body, 'process')) : null;
  } catch {
    return null;
  }
}

test.each([
  ['worker', 'web'],
  ['web', 'worker'],
])(
  'from one identical environment, %s started before %s: web owns PORT, the worker WORKER_PORT',
  async (first, second) => {
    const [port, workerPort] = [await freePort(), await freePort()];
    const shared = env(port, { WORKER_PORT: String(workerPort) });
    const portOf = (name: string) => (name === 'web' ? port : workerPort);
    for (const name of [first, second]) {
      start(`src/${name}.ts`, shared);
      await waitUntil(async () => (await processAt(portOf(name))) === name, 30_000, `${name} health`);
    }
    expect(await processAt(port)).toBe('web');
    expect(await processAt(workerPort)).toBe('worker');
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x=1' });
    expect(unsigned.status).toBe(401);
    expect(await httpStatus(`http://127.0.0.1:${workerPort}/metrics`)).toBe(200);
    for (const child of children) expect(child.output()).not.toContain('EADDRINUSE');
  },
  90_000,
);

test("WORKER_PORT=0 turns the worker's HTTP off; the worker still starts", async () => {
  const port = await freePort();
  const worker = start('src/worker.ts', env(port, { WORKER_PORT: '0' }));
  await waitUntil(() => worker.output().includes('worker ready'), 30_000, 'worker ready');
  expect(worker.output()).toMatch(/"port":null/);
  expect(await httpStatus(`http://127.0.0.1:${port}/healthz`)).toBeNull();
}, 60_000);
