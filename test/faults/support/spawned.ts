import { join } from 'node:path';
import { NodeProcess } from '../../support/node-process.js';
import { waitUntil } from './waiting.js';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');

/** One pino line of a spawned process, parsed. */
export interface LogLine {
  level: number;
  msg: string;
  pid?: number;
  [field: string]: unknown;
}

export type Entry = 'worker' | 'web';

const READY_MESSAGE: Record<Entry, string> = { worker: 'worker ready', web: 'web ready' };

/** Every process a test spawned and has not seen exit: killAll() ends them in afterEach/afterAll. */
const living = new Set<SpawnedProcess>();

/** A real `src/<entry>.ts` process, run through tsx, with its stdout and stderr kept apart and whole. */
export class SpawnedProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<void>;
  /** Parsed as they arrive: waits poll lines() often, and a debug-level process writes a lot. */
  private readonly parsed: LogLine[] = [];
  private partial = '';

  private constructor(
    readonly entry: Entry,
    readonly node: NodeProcess,
    /** The PORT it was given (its /healthz). */
    readonly port: number,
  ) {
    node.onOutput((text, stream) => {
      if (stream === 'stderr') {
        this.stderr += text;
        return;
      }
      this.stdout += text;
      this.parseLines(text);
    });
    this.exited = node.exited.then(() => undefined);
    void this.exited.then(() => living.delete(this));
  }

  /** Spawns the entry without waiting for anything (e.g. a start-up that must fail). */
  static spawn(entry: Entry, env: Record<string, string>): SpawnedProcess {
    const child = new NodeProcess({
      entry: `src/${entry}.ts`,
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    const spawned = new SpawnedProcess(entry, child, Number(env.PORT ?? 0));
    living.add(spawned);
    return spawned;
  }

  /** Spawns the entry and waits for its ready line; rejects (with everything it printed) if it exits first. */
  static async start(entry: Entry, env: Record<string, string>, timeoutMs = 30_000): Promise<SpawnedProcess> {
    const spawned = SpawnedProcess.spawn(entry, env);
    const ready = READY_MESSAGE[entry];
    await waitUntil(
      () => spawned.hasLine((line) => line.msg === ready) || !spawned.alive,
      timeoutMs,
      `${entry} ready`,
    );
    if (!spawned.alive) throw new Error(`${entry} exited while starting:\n${spawned.output()}`);
    return spawned;
  }

  get pid(): number {
    const pid = this.node.pid;
    if (pid === undefined) throw new Error('the process has no pid (spawn failed)');
    return pid;
  }

  get alive(): boolean {
    return this.node.alive();
  }

  /** stdout and stderr, everything the process printed. */
  output(): string {
    return `${this.stdout}${this.stderr}`;
  }

  /** The JSON lines of stdout (anything else, e.g. a stack trace on stderr, is left out). */
  lines(): readonly LogLine[] {
    return this.parsed;
  }

  hasLine(predicate: (line: LogLine) => boolean): boolean {
    return this.lines().some(predicate);
  }

  async waitForLine(
    predicate: (line: LogLine) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<LogLine> {
    await waitUntil(() => this.hasLine(predicate), timeoutMs, `${this.entry} log line: ${what}`);
    const found = this.lines().find(predicate);
    if (!found) throw new Error(`log line vanished: ${what}`);
    return found;
  }

  get exitCode(): number | null {
    return this.node.child.exitCode;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.node.kill(signal);
  }

  private parseLines(text: string): void {
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    for (const raw of pieces) {
      if (!raw.startsWith('{')) continue;
      try {
        const value: unknown = JSON.parse(raw);
        if (isLogLine(value)) this.parsed.push(value);
      } catch {
        // Not a log line.
      }
    }
  }
}

/** Kills every process still running (SIGKILL), e.g. from afterEach. */
export async function killAll(): Promise<void> {
  await Promise.all([...living].map((spawned) => spawned.kill('SIGKILL')));
}

function isLogLine(value: unknown): value is LogLine {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.level === 'number' && typeof record.msg === 'string';
}
