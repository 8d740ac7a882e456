import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOG_MAX_BYTES, readLogLines } from '../../src/hcp/log-stream.js';
import { ACTION, simRunLogApi } from '../run-errors/support.js';
import { spawnEntry } from '../support/child-process.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { diagnosticLine } from '../support/hcp-simulator/run-logs/ui-messages.js';

const MB = 1024 * 1024;
let sim: HcpSimulator;

beforeEach(async () => {
  sim = await startHcpSimulator();
});

afterEach(async () => {
  await sim.close();
});

function hugeRun(format: 'json' | 'plain') {
  const tail = [
    diagnosticLine({ severity: 'error', summary: 'too late to be read', detail: 'x', address: ACTION }),
  ];
  return sim.runLogs.addRun({
    plan: { log: { lines: [] } },
    apply: { log: { generated: { bytes: 20 * MB, format, tail } } },
  });
}

test('a 20 MB log is read as a stream: reading stops at 5 MB and the reader holds a few MB at most', async () => {
  const run = hugeRun('json');
  const warm = sim.runLogs.addRun({ plan: { log: { lines: [] } }, apply: { log: { lines: ['warm-up'] } } });
  // Measured in a process of its own: this one also holds the simulator, which generates the log.
  const child = spawnEntry(
    'test/run-errors/log-memory-child.ts',
    { SIM_ADDRESS: sim.address, SIM_TOKEN: sim.token, RUN_ID: run.runId, WARM_RUN_ID: warm.runId },
    ['--expose-gc'],
  );
  expect(await child.exited).toBe(0);
  const report = JSON.parse(child.output().trim().split('\n').pop() ?? '') as {
    result: unknown;
    reads: unknown[];
    peakGrowthBytes: number;
  };

  expect(report.result).toEqual({
    unavailable:
      "The run's log is larger than 5 MB; tfactions reads only that much of it and found no error there.",
    transient: false,
  });
  expect(report.reads[0]).toEqual({ stage: 'apply', outcome: 'too_big', bytes: DEFAULT_LOG_MAX_BYTES });
  const served = sim.runLogs.reads.find((read) => read.stageId === run.applyId);
  expect(served?.finished).toBe(false);
  // The simulator stopped generating soon after the reader hung up (socket buffers are a few MB at most).
  expect(served?.bytesSent).toBeLessThan(12 * MB);
  // Streaming holds a chunk and a line (1-3 MB measured, socket buffers included); holding the log, or even
  // the 5 MB read of it, would show here (the 20 MB log held whole measured 35 MB).
  expect(report.peakGrowthBytes).toBeLessThan(5 * MB);
}, 60_000);

test('lines before the limit are delivered; a plain-text log is bounded the same way', async () => {
  const run = hugeRun('plain');
  const log = await simRunLogApi(sim).getStageLog('apply', run.applyId ?? '');
  let lines = 0;
  let lastLine = '';
  const outcome = await readLogLines(
    log.logReadUrl ?? '',
    (line) => {
      lines += 1;
      lastLine = line;
    },
    { maxBytes: MB },
  );
  expect(outcome).toEqual({ kind: 'too_big', bytes: MB, maxBytes: MB });
  expect(lines).toBeGreaterThan(1000);
  expect(lastLine).toMatch(/aws_instance\.fleet/);
});

describe('a log server that never answers', () => {
  let silent: Server;
  let url: string;

  beforeEach(async () => {
    silent = createServer(() => {
      // Never answers: the reader's overall timeout has to end the read.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/log`;
  });

  afterEach(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  test('times out with a typed outcome, never an exception', async () => {
    expect(await readLogLines(url, () => {}, { timeoutMs: 200 })).toEqual({ kind: 'timeout', afterMs: 200 });
  });
});

test('a refused connection is a network outcome that names no URL', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const outcome = await readLogLines(`http://127.0.0.1:${port}/log?signature=fakesig`, () => {});
  expect(outcome).toEqual({ kind: 'network', cause: 'ECONNREFUSED' });
});

test('a log URL that redirects forever ends as a network outcome naming the loop, not the URL', async () => {
  const looping = createServer((request, response) => {
    response.writeHead(302, { Location: `${request.url ?? '/'}x` });
    response.end();
  });
  await new Promise<void>((resolve) => looping.listen(0, '127.0.0.1', resolve));
  const port = (looping.address() as AddressInfo).port;
  try {
    const outcome = await readLogLines(`http://127.0.0.1:${port}/log?signature=fakesig`, () => {});
    expect(outcome).toEqual({ kind: 'network', cause: 'max-redirect' });
  } finally {
    await new Promise<void>((resolve) => looping.close(() => resolve()));
  }
});

test('lines split across chunks, CRLF endings and a last line without a newline are whole', async () => {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.write('first li');
    response.write('ne\r\nsecond line\nthird é');
    setTimeout(() => response.end(' ✓ end'), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lines: string[] = [];
  const outcome = await readLogLines(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (line) =>
    lines.push(line),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  expect(lines).toEqual(['first line', 'second line', 'third é ✓ end']);
  expect(outcome.kind).toBe('complete');
});
