import type { ChildProcess } from 'node:child_process';

/**
 * Signals the whole process group a detached child leads (negative PID), so nothing it spawned survives;
 * falls back to the child alone.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
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
