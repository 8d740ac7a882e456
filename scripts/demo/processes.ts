import { createInterface } from 'node:readline';
import { NodeProcess } from '../../test/support/node-process.js';

/** A line a child printed, already prefixed with its name. */
export type LineSink = (line: string) => void;

export interface ChildSpec {
  /** `web` or `worker`: the prefix of its output. */
  name: string;
  /** Script path relative to cwd, run with `node --import tsx`. */
  entry: string;
  env: Record<string, string>;
  cwd: string;
  /** Extra modules to preload after tsx. */
  preload?: readonly string[];
}

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

const STOP_GRACE_MS = 12_000;
/** A log line printed this many times is not printed again (a failing tick repeats every second). */
const REPEATS_SHOWN = 2;
const SEEN_LINES_MAX = 1_000;
const RECENT_LINES = 40;
const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

interface Tracked {
  spec: ChildSpec;
  child: NodeProcess;
  recent: string[];
}

/**
 * Starts the real web and worker processes, each in its own process group, prefixes their output, and stops
 * them (SIGTERM to the group, SIGKILL after a grace period) on close, on signals and on failure.
 */
export class Supervisor {
  private readonly tracked: Tracked[] = [];
  private stopping = false;
  private readonly retired = new Set<NodeProcess>();
  private readonly exitListeners: ((exit: ChildExit) => void)[] = [];
  private readonly killOnExit = () => this.killAllNow();

  constructor(private readonly sink: LineSink) {
    process.on('exit', this.killOnExit);
  }

  /** Called when a child exits while the demo still needs it. */
  onUnexpectedExit(listener: (exit: ChildExit) => void): void {
    this.exitListeners.push(listener);
  }

  start(spec: ChildSpec): void {
    const child = new NodeProcess({ ...spec, ownGroup: true });
    const recent: string[] = [];
    const seen = new Map<string, number>();
    void child.exited.then((exit) => {
      if (exit.error) this.sink(`[${spec.name}] could not start: ${exit.error.message}`);
      else if (!this.stopping && !this.retired.has(child))
        for (const listener of this.exitListeners)
          listener({ name: spec.name, code: exit.code, signal: exit.signal });
    });
    for (const stream of [child.child.stdout, child.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        const shown = `[${spec.name}] ${formatLogLine(line)}`;
        recent.push(shown);
        if (recent.length > RECENT_LINES) recent.shift();
        if (seen.size > SEEN_LINES_MAX) seen.clear();
        const times = (seen.get(shown) ?? 0) + 1;
        seen.set(shown, times);
        if (times <= REPEATS_SHOWN) this.sink(shown);
        if (times === REPEATS_SHOWN)
          this.sink(`[${spec.name}] (the line above keeps repeating; not shown again)`);
      });
    }
    this.tracked.push({ spec, child, recent });
  }

  /** The last lines a child printed (for failure reports). */
  recentOutput(name: string): readonly string[] {
    return this.tracked.find((entry) => entry.spec.name === name)?.recent ?? [];
  }

  /** Graceful stop of one child (by name) that the demo replaces; its exit is expected, not a failure. */
  async stop(name: string): Promise<void> {
    const entry = this.tracked.find((candidate) => candidate.spec.name === name);
    if (!entry) return;
    this.retired.add(entry.child);
    this.tracked.splice(this.tracked.indexOf(entry), 1);
    await entry.child.stop(STOP_GRACE_MS);
  }

  /** Graceful stop of every child (their own SIGTERM handling), then SIGKILL for any that hang. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.tracked.map((entry) => entry.child.stop(STOP_GRACE_MS)));
    process.off('exit', this.killOnExit);
  }

  /** Synchronous last resort (process 'exit'): nothing async can run any more. */
  killAllNow(): void {
    this.stopping = true;
    for (const entry of this.tracked) entry.child.signal('SIGKILL');
  }
}

/** pino JSON lines become `warn: message {details}`; anything else is shown as printed. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const { level, msg, time: _time, pid: _pid, hostname: _hostname, name: _name, ...rest } = parsed;
    const levelName =
      typeof level === 'number' ? (LEVEL_NAMES[level] ?? String(level)) : String(level ?? 'log');
    const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${levelName}: ${typeof msg === 'string' ? msg : ''}${details}`;
  } catch {
    return line;
  }
}
