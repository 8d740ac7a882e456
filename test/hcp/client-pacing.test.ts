import { createHcpClient } from '../../src/hcp/client.js';
import { createPacer, DEFAULT_PACING, type Pacer, unpaced } from '../../src/hcp/pacing.js';
import type { RequestEvent } from '../../src/hcp/transport.js';
import { type HcpSimulator, SEED, startHcpSimulator } from '../support/hcp-simulator/index.js';

/**
 * The bucket lets rate + burst (29) through in any second. The simulator stamps each request when its event
 * loop reaches it, so a pause of the (shared) jest process can bunch two requests into one window: one request
 * of slack keeps the test honest without flaking, and still proves HCP Terraform's 30/s is never exceeded.
 */
const BUCKET_LIMIT = DEFAULT_PACING.ratePerSecond + DEFAULT_PACING.burst + 1;

let sim: HcpSimulator;

beforeAll(async () => {
  // HCP Terraform's own limit: 30 requests per second per token.
  sim = await startHcpSimulator({ token: 't0ken-abc', rateLimitPerSecond: 30 });
  sim.loadSeedSamples('list');
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.clearFaults();
  sim.clearRequests();
});

/**
 * Opens the connections and warms the code paths first, so that what the simulator counts is the pacing
 * rather than a first burst delayed by connection set-up.
 */
async function warmUp(): Promise<void> {
  const warm = createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced });
  await Promise.all(Array.from({ length: DEFAULT_PACING.burst }, () => warm.getAction(SEED.actionId)));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  sim.clearRequests();
}

test('a burst of 100 calls never exceeds the bucket, and HCP never answers 429', async () => {
  await warmUp();
  const failedAttempts: RequestEvent[] = [];
  const client = createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: createPacer(DEFAULT_PACING),
    onRequest: (event) => {
      if (event.errorKind) failedAttempts.push(event);
    },
  });
  const results = await Promise.all(Array.from({ length: 100 }, () => client.getAction(SEED.actionId)));
  expect(results).toHaveLength(100);
  expect(failedAttempts).toEqual([]);
  expect(sim.requests.filter((request) => request.status !== 200).map((request) => request.status)).toEqual(
    [],
  );
  expect(sim.requests).toHaveLength(100);
  expect(sim.maxRequestsInWindow(1000)).toBeLessThanOrEqual(BUCKET_LIMIT);
  expect(sim.rateLimitedCount).toBe(0);
});

test('clients created without a pacer share the process-wide bucket', async () => {
  await warmUp();
  const options = { address: sim.address, token: sim.token };
  const clients = [createHcpClient(options), createHcpClient(options)];
  // 2 x 20 calls: two separate buckets would let all 40 through within about half a second.
  await Promise.all(
    clients.flatMap((client) => Array.from({ length: 20 }, () => client.getAction(SEED.actionId))),
  );
  expect(sim.requests).toHaveLength(40);
  expect(sim.maxRequestsInWindow(1000)).toBeLessThanOrEqual(BUCKET_LIMIT);
});

test('every attempt takes a token, retries included', async () => {
  let taken = 0;
  const counting: Pacer = {
    take: async () => {
      taken++;
    },
  };
  const client = createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: counting,
    sleep: async () => {},
  });
  sim.injectFault({ status: 503, times: 2 });
  await client.getAction(SEED.actionId);
  expect(sim.requests).toHaveLength(3);
  expect(taken).toBe(3);
});
