import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoHandle, runDemo } from '../../scripts/demo/run-demo.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The README's picture is refreshed on request only, so a test run leaves the work tree as it was. */
const SCREENSHOT = process.env.TFACTIONS_UPDATE_SCREENSHOT
  ? join(REPO_ROOT, 'docs', 'demo.png')
  : join(tmpdir(), `tfactions-demo-${process.pid}.png`);
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const CHROMIUM_TIMEOUT_MS = 45_000;

function chromiumPath(): string {
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `Chromium is needed for this test and was not found at ${CHROMIUM_CANDIDATES.join(' or ')}: apt-get install chromium (Debian/Ubuntu).`,
    );
  return found;
}

/** Runs headless Chromium once with a fresh profile; resolves with what it printed on stdout. */
function chromium(args: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'tfactions-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      chromiumPath(),
      flags,
      { timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(profile, { recursive: true, force: true });
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr.slice(-2000)}`));
        else resolve(stdout);
      },
    );
  });
}

/** The element that starts at `start` (a `<div ...>`), up to its matching `</div>`. */
function divAt(html: string, start: number): string {
  const tag = /<div\b|<\/div>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[0] === '</div>' ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  return html.slice(start);
}

let redis: RedisServerHandle;
let demo: DemoHandle | undefined;

beforeAll(async () => {
  chromiumPath();
  redis = await startRedisServer();
  demo = await runDemo({ once: true, keepServing: true, print: false, redisUrl: redis.url });
}, 130_000);

afterAll(async () => {
  await demo?.close();
  await redis?.stop();
}, 30_000);

test('the scripted scenario holds: four alerts once each, the drill-down with the error text and the recovery in the thread', () => {
  expect(demo?.outcome.problems).toEqual([]);
  expect(demo?.outcome.ok).toBe(true);
  // Steps 3, 4 and 5 by polling, step 8 by an HCP Terraform notification.
  expect(demo?.outcome.alerts).toHaveLength(4);
  expect(demo?.outcome.drillDownTs).not.toBeNull();
  expect(demo?.outcome.recoveryReplyTs).not.toBeNull();
});

test('the stand-in page, rendered by Chromium, shows the alerts and the threaded replies', async () => {
  const page = demo?.baseUrl ?? '';
  const dom = await chromium(['--dump-dom', page]);
  expect(dom).toContain('action.local_command.smoke_test failed');
  expect(dom).toContain('action.aap_job_launch.configure_routers failed');

  const recovered = dom.indexOf('action.aws_lambda_invoke.notify recovered');
  expect(recovered).toBeGreaterThan(-1);
  const threadStart = dom.indexOf('<div class="thread">', recovered);
  expect(threadStart).toBeGreaterThan(recovered);
  // Nothing else (no other message) between the alert and its thread.
  expect(dom.slice(recovered, threadStart)).not.toContain('<article');
  const thread = divAt(dom, threadStart);
  const firstRun = demo?.outcome.alerts[0]?.runId ?? 'missing';
  expect(thread).toContain('Invocations of');
  expect(thread).toContain(firstRun);
  expect(thread).toContain('Recovered');
}, 60_000);

test('a screenshot of the page is taken (docs/demo.png with TFACTIONS_UPDATE_SCREENSHOT=1)', async () => {
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  rmSync(SCREENSHOT, { force: true });
  await chromium([`--screenshot=${SCREENSHOT}`, '--window-size=1280,1600', demo?.baseUrl ?? '']);
  expect(existsSync(SCREENSHOT)).toBe(true);
  expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  if (!process.env.TFACTIONS_UPDATE_SCREENSHOT) rmSync(SCREENSHOT, { force: true });
}, 60_000);
