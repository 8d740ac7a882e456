import { readFileSync } from 'node:fs';
import fetch from 'node-fetch';
import { NodeProcess } from '../test/support/node-process.js';

export interface ChildSpec {
  /** `web` or `worker`, for messages. */
  name: string;
  /** Entry script relative to cwd: TypeScript run with `node --import tsx`, or compiled JavaScript. */
  entry: string;
  /** Run a compiled .js entry with plain node (no tsx) from this directory instead of the repository root. */
  compiledIn?: string;
  env: Record<string, string>;
  /** The PORT the child serves /healthz on. */
  port: number;
}

export interface RunningChild {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  alive(): boolean;
  /** The last lines the child printed, for failure messages. */
  recentOutput(): string;
  /** Resident set size (VmRSS) in MB, or null when it cannot be read. */
  rssMb(): number | null;
  /** SIGTERM (the process's graceful stop), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 12_000;
const RECENT_CHARS = 4000;

/** Every child the bench started; each runs in its own process group so nothing it spawns outlives it. */
export class ChildRegistry {
  private readonly running = new Set<NodeProcess>();

  constructor(private readonly repoRoot: string) {}

  async start(spec: ChildSpec): Promise<RunningChild> {
    const child = new NodeProcess({
      entry: spec.entry,
      cwd: spec.compiledIn ?? this.repoRoot,
      env: spec.env,
      tsx: spec.compiledIn === undefined,
      ownGroup: true,
    });
    this.running.add(child);
    void child.exited.then(() => this.running.delete(child));
    let output = '';
    child.onOutput((text) => {
      output = (output + text).slice(-RECENT_CHARS);
    });
    const pid = child.pid ?? -1;
    const handle: RunningChild = {
      name: spec.name,
      pid,
      port: spec.port,
      alive: () => child.alive(),
      recentOutput: () => output,
      rssMb: () => readRssMb(pid),
      stop: () => child.stop(STOP_GRACE_MS),
    };
    try {
      await waitForHealth(handle);
    } catch (error) {
      await handle.stop();
      throw error;
    }
    return handle;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((child) => child.stop(STOP_GRACE_MS)));
  }

  /** Synchronous last resort (process 'exit'). */
  killAllNow(): void {
    for (const child of this.running) child.signal('SIGKILL');
  }
}

async function waitForHealth(child: RunningChild): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!child.alive()) throw new Error(`${child.name} exited at start:\n${child.recentOutput()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${child.port}/healthz`);
      await response.text();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${child.name} was not healthy within ${READY_TIMEOUT_MS / 1000} s:\n${child.recentOutput()}`,
  );
}

function readRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
