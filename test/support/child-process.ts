import { NodeProcess } from './node-process.js';

export interface Child {
  node: NodeProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Runs a TypeScript entry point (of src/, or a test's child) as a real process through tsx, collecting its output. */
export function spawnEntry(
  entry: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Child {
  let output = '';
  const child = new NodeProcess({
    entry,
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    nodeFlags,
  });
  child.onOutput((text) => {
    output += text;
  });
  return {
    node: child,
    output: () => output,
    exited: child.exited.then((exit) => exit.code),
    kill: (signal = 'SIGKILL') => child.signal(signal),
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function httpStatus(url: string): Promise<number | null> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}
