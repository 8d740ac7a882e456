/**
 * Run by log-stream.test.ts as a process of its own, under `node --expose-gc`: looks for the action's error in
 * a run with the real finder, reading the HCP API and the log over HTTP from the test's simulator (which stays
 * out of this process), and prints one JSON line: the finder's result, its log reads, and how far the RSS rose
 * above the warmed-up baseline at its highest.
 *
 * RSS also holds garbage the collector has not reached yet: chunk buffers live outside V8's heap, which
 * collects them late (about 14 MB of them pile up during a 5 MB read here while the heap stays small). So the
 * collector runs every SAMPLE_EVERY_BYTES of log, the RSS is sampled just before, and the peak is what the
 * reader really held, give or take one interval.
 */

import { hcpFetch } from '../../src/hcp/http-stack.js';
import type { FetchImpl } from '../../src/hcp/transport.js';
import { createActionErrorFinder, type LogReadEvent } from '../../src/run-errors/finder.js';
import { simRunLogApiAt, target } from './support.js';

const SAMPLE_EVERY_BYTES = 256 * 1024;

const collect = globalThis.gc;
if (collect === undefined) throw new Error('run me with node --expose-gc');
const {
  SIM_ADDRESS: address = '',
  SIM_TOKEN: token = '',
  RUN_ID: runId = '',
  WARM_RUN_ID: warmRunId = '',
} = process.env;

let baseline = 0;
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
  collect();
};

async function* sampled(body: AsyncIterable<Uint8Array | string>) {
  let sinceSample = 0;
  for await (const chunk of body) {
    sinceSample += chunk.length;
    if (sinceSample >= SAMPLE_EVERY_BYTES) {
      sinceSample = 0;
      sample();
    }
    yield chunk;
  }
}

const sampledFetch: FetchImpl = async (url, init) => {
  const answer = await hcpFetch(url, init);
  const body = answer.body;
  return { status: answer.status, headers: answer.headers, body: body === null ? null : sampled(body) };
};

const reads: LogReadEvent[] = [];
const find = createActionErrorFinder({
  api: simRunLogApiAt(address, token),
  runPageUrl: (id) => `${address}/app/acme/workspaces/net/runs/${id}`,
  logRead: { fetchImpl: sampledFetch },
  onLogRead: (event) => reads.push(event),
});

// A first, small run loads every module and opens the same kinds of connection before the baseline is taken.
await find(target(warmRunId));
reads.length = 0;
collect();
baseline = process.memoryUsage.rss();
peak = baseline;
const result = await find(target(runId));
sample();
process.stdout.write(`${JSON.stringify({ result, reads, peakGrowthBytes: peak - baseline })}\n`);
