import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeProcess } from '../support/node-process.js';

/** A parent that starts a long-lived grandchild, prints its pid, and ignores SIGTERM when asked to. */
const PARENT = `
import { spawn } from 'node:child_process';
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
if (process.env.IGNORE_SIGTERM === '1') process.on('SIGTERM', () => {});
console.log('grandchild ' + grandchild.pid);
setInterval(() => {}, 1000);
`;

let directory: string;
const started: NodeProcess[] = [];
const strays: number[] = [];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'node-process-'));
  writeFileSync(join(directory, 'parent.mjs'), PARENT);
  writeFileSync(join(directory, 'exits.mjs'), 'process.stdout.write("bye"); process.exit(3);');
});

afterAll(async () => {
  await Promise.all(started.map((child) => child.kill('SIGKILL')));
  for (const pid of strays) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

function start(entry: string, options: { ownGroup?: boolean; env?: Record<string, string> } = {}) {
  const child = new NodeProcess({
    entry,
    cwd: directory,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    tsx: false,
    ownGroup: options.ownGroup ?? false,
  });
  started.push(child);
  return child;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function grandchildOf(child: NodeProcess): Promise<number> {
  let output = '';
  child.onOutput((text) => {
    output += text;
  });
  for (let waited = 0; waited < 20_000; waited += 50) {
    const match = /grandchild (\d+)/.exec(output);
    if (match) {
      strays.push(Number(match[1]));
      return Number(match[1]);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the parent never named its grandchild; it printed: ${output}`);
}

async function gone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

test('a process that leads its own group takes everything it spawned with it when stopped', async () => {
  const parent = start('parent.mjs', { ownGroup: true });
  const grandchild = await grandchildOf(parent);
  await parent.stop(10_000);
  expect(parent.alive()).toBe(false);
  expect(await gone(grandchild)).toBe(true);
});

test('stop sends SIGKILL after the grace period to a process that ignores SIGTERM', async () => {
  const parent = start('parent.mjs', { ownGroup: true, env: { IGNORE_SIGTERM: '1' } });
  await grandchildOf(parent);
  await parent.stop(200);
  const exit = await parent.exited;
  expect(exit.signal).toBe('SIGKILL');
});

test('without its own group, a signal reaches the child alone, as a crash of that one process would', async () => {
  const parent = start('parent.mjs');
  const grandchild = await grandchildOf(parent);
  const exit = await parent.kill('SIGKILL');
  expect(exit.signal).toBe('SIGKILL');
  expect(isRunning(grandchild)).toBe(true);
});

test('exit code and output are reported; signalling an exited process is harmless', async () => {
  const child = start('exits.mjs');
  let output = '';
  child.onOutput((text) => {
    output += text;
  });
  const exit = await child.exited;
  expect(exit).toEqual({ code: 3, signal: null });
  expect(output).toBe('bye');
  child.signal('SIGTERM');
  await expect(child.kill()).resolves.toEqual({ code: 3, signal: null });
});

test('a process that cannot start reports why instead of hanging', async () => {
  const child = new NodeProcess({
    entry: 'parent.mjs',
    cwd: join(directory, 'missing'),
    env: {},
    tsx: false,
  });
  const exit = await child.exited;
  expect(exit.error?.message).toContain('ENOENT');
  expect(child.alive()).toBe(false);
});
