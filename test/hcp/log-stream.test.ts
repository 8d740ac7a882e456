import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOG_MAX_BYTES, readLogLines } from '../../src/hcp/log-stream.js';
import { ACTION, simFinder, simRunLogApi, target } from '../run-errors/support.js';
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

test('a 20 MB log is read as a stream: reading stops at 5 MB and memory stays flat', async () => {
  const run = hugeRun('json');
  const { find, reads } = simFinder(sim);
  global.gc?.();
  const before = process.memoryUsage();
  const result = await find(target(run.runId));
  const after = process.memoryUsage();

  expect(result).toEqual({
    unavailable:
      "The run's log is larger than 5 MB; tfactions reads only that much of it and found no error there.",
    transient: false,
  });
  expect(reads[0]).toEqual({ stage: 'apply', outcome: 'too_big', bytes: DEFAULT_LOG_MAX_BYTES });
  const served = sim.runLogs.reads.find((read) => read.stageId === run.applyId);
  expect(served?.finished).toBe(false);
  // The simulator stopped generating soon after the reader hung up (socket buffers are a few MB at most).
  expect(served?.bytesSent).toBeLessThan(12 * MB);
  // Generous bounds: the log itself is 20 MB, so buffering it whole would exceed them.
  expect(after.rss - before.rss).toBeLessThan(30 * MB);
  expect(after.heapUsed - before.heapUsed).toBeLessThan(30 * MB);
});

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
