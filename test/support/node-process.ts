import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The one way the tests, the demo and the bench run a Node entry point (ours, through tsx, or a compiled one)
 * as a real process, signal it and stop it. Kept under test/support because all three import from there.
 */

export interface NodeProcessOptions {
  /** Script path, relative to cwd. */
  entry: string;
  cwd: string;
  /** The whole environment of the child: nothing of the parent's leaks in unless given. */
  env: Record<string, string>;
  /** Run the entry through tsx (TypeScript); false for compiled JavaScript. Default true. */
  tsx?: boolean;
  /** Modules to preload after tsx, each with `--import`. */
  preload?: readonly string[];
  /** Options of node itself, e.g. `--expose-gc`. */
  nodeFlags?: readonly string[];
  /**
   * Lead a process group of its own, so that signals reach everything the child spawns too. Default false:
   * tests signal the child alone, as a crash of that one process would.
   */
  ownGroup?: boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export type OutputListener = (text: string, stream: 'stdout' | 'stderr') => void;

export class NodeProcess {
  readonly child: ChildProcess;
  /** Resolves once, when the process has exited or failed to start. */
  readonly exited: Promise<ProcessExit>;
  private readonly ownGroup: boolean;

  constructor(options: NodeProcessOptions) {
    const args = [
      ...(options.nodeFlags ?? []),
      ...(options.tsx === false ? [] : ['--import', 'tsx']),
      ...(options.preload ?? []).flatMap((module) => ['--import', module]),
      options.entry,
    ];
    this.ownGroup = options.ownGroup ?? false;
    this.child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.ownGroup,
    });
    this.child.stdout?.setEncoding('utf8');
    this.child.stderr?.setEncoding('utf8');
    const child = this.child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
  }

  /** Calls the listener with every chunk the process prints, as text. */
  onOutput(listener: OutputListener): void {
    this.child.stdout?.on('data', (text: string) => listener(text, 'stdout'));
    this.child.stderr?.on('data', (text: string) => listener(text, 'stderr'));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  alive(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal to the process, or to its whole group when it leads one; never throws. */
  signal(signal: NodeJS.Signals): void {
    if (!this.alive()) return;
    if (this.ownGroup) {
      signalGroup(this.child, signal);
      return;
    }
    try {
      this.child.kill(signal);
    } catch {
      // Already gone.
    }
  }

  /** Sends the signal and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ProcessExit> {
    this.signal(signal);
    return this.exited;
  }

  /** SIGTERM (the process's own graceful stop), then SIGKILL if it has not exited after graceMs. */
  async stop(graceMs: number): Promise<void> {
    if (!this.alive()) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Signals the whole process group a detached child leads (negative PID), so nothing it spawned survives;
 * falls back to the child alone.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
