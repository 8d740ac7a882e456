import { pino } from 'pino';
import { createHcpClient } from '../../src/hcp/client.js';
import { HcpError } from '../../src/hcp/errors.js';
import { InvalidIdError } from '../../src/hcp/ids.js';
import { unpaced } from '../../src/hcp/pacing.js';
import { type HcpSimulator, SEED, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { freePort } from '../support/redis-server.js';

const TOKEN = 'Zq9xT0kenSecret.atlasv1.s3cr3t-VALUE';
const WRONG_TOKEN = 'Wr0ngT0kenSecret.atlasv1.n0pe-VALUE';

let sim: HcpSimulator;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: TOKEN });
  sim.loadSeedSamples('list');
});

afterAll(async () => {
  await sim.close();
});

/** A raw pino logger at debug into memory: no redaction of ours between the client and the lines. */
function memoryLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error('rejected with a non-error');
  }
  throw new Error('expected a rejection');
}

function everythingSaid(error: Error): string {
  return [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    String(error),
    JSON.stringify(Object.entries(error)),
  ].join('\n');
}

test('the token appears in no error of any class and in no log line', async () => {
  const { logger, lines } = memoryLogger();
  const options = {
    address: sim.address,
    token: TOKEN,
    logger,
    pacer: unpaced,
    maxAttempts: 2,
    timeoutMs: 150,
    sleep: async () => {},
  };
  const client = createHcpClient(options);
  const errors: Error[] = [];

  errors.push(await failure(client.getAction('action-missing0000')));
  errors.push(await failure(createHcpClient({ ...options, token: WRONG_TOKEN }).getAction(SEED.actionId)));
  // A server that echoes the token back in its error body.
  sim.injectFault({
    status: 400,
    body: JSON.stringify({
      errors: [
        {
          status: '400',
          title: `token ${TOKEN} rejected`,
          detail: `Bearer ${TOKEN}`,
          source: { parameter: TOKEN },
        },
      ],
    }),
  });
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.injectFault({ status: 429, retryAfterSeconds: 1, times: 2 });
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.injectFault({ status: 500, times: 2, body: `{"errors":["internal: ${TOKEN}"]}` });
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.setLatency(1000);
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.clearLatency();
  sim.injectFault({ dropConnection: true, times: 2 });
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.injectFault({ status: 200, body: `not json ${TOKEN}`, contentType: 'text/plain' });
  errors.push(await failure(client.getAction(SEED.actionId)));
  sim.injectFault({
    status: 200,
    body: `{"data":{"id":"x","type":"actions","attributes":{"address":7,"provider":"${TOKEN}"}}}`,
  });
  errors.push(await failure(client.getAction(SEED.actionId)));
  const closedPort = await freePort();
  errors.push(
    await failure(
      createHcpClient({ ...options, address: `http://127.0.0.1:${closedPort}` }).getAction(SEED.actionId),
    ),
  );
  errors.push(await failure(client.getAction('action-x/../y')));

  const kinds = errors.map((error) => (error instanceof HcpError ? error.kind : error.name));
  expect(kinds).toEqual([
    'not_found',
    'unauthorized',
    'invalid_request',
    'rate_limited',
    'server',
    'timeout',
    'network',
    'malformed_response',
    'malformed_response',
    'network',
    'InvalidIdError',
  ]);
  for (const error of errors) {
    const said = everythingSaid(error);
    expect(said).not.toContain(TOKEN);
    expect(said).not.toContain(WRONG_TOKEN);
    expect(said).not.toContain('s3cr3t');
  }
  expect(errors.at(-1)).toBeInstanceOf(InvalidIdError);

  expect(lines.length).toBeGreaterThan(10);
  const log = lines.join('');
  expect(log).not.toContain(TOKEN);
  expect(log).not.toContain(WRONG_TOKEN);
  expect(log).not.toContain('s3cr3t');
  expect(log.toLowerCase()).not.toContain('authorization');
  expect(log.toLowerCase()).not.toContain('bearer');
});

test('each request is logged at debug with method, path and query, status, duration and attempt', async () => {
  const { logger, lines } = memoryLogger();
  const client = createHcpClient({
    address: sim.address,
    token: TOKEN,
    logger,
    pacer: unpaced,
    sleep: async () => {},
  });
  sim.injectFault({ status: 503 });
  await client.listRunSummaries(SEED.actionId, { statuses: ['not_successful'], pageSize: 5 });
  const requests = lines
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.msg === 'HCP Terraform request');
  expect(requests).toHaveLength(2);
  expect(
    requests.map((entry) => [entry.level, entry.method, entry.path, entry.status, entry.attempt]),
  ).toEqual([
    [
      20,
      'GET',
      `/terraform-actions/${SEED.actionId}/invocations/run-summary?filter%5Baggregate_invocation_status%5D=not_successful&page%5Bsize%5D=5`,
      503,
      1,
    ],
    [
      20,
      'GET',
      `/terraform-actions/${SEED.actionId}/invocations/run-summary?filter%5Baggregate_invocation_status%5D=not_successful&page%5Bsize%5D=5`,
      200,
      2,
    ],
  ]);
  expect(requests.every((entry) => typeof entry.durationMs === 'number' && !('headers' in entry))).toBe(true);
  expect(requests[0].errorKind).toBe('server');
});

test('a token that would break the Authorization header is refused without showing it', () => {
  const bad = 'abc\r\nX-Injected: 1';
  expect(() => createHcpClient({ address: sim.address, token: bad })).toThrow(TypeError);
  try {
    createHcpClient({ address: sim.address, token: bad });
  } catch (error) {
    expect(String(error)).not.toContain('X-Injected');
  }
});
