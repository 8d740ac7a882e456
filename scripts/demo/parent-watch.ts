/**
 * Preloaded (`--import`) into the demo's web and worker processes: when the demo process is gone (killed
 * hard, so it could not stop its children), stop this process too, gracefully, instead of leaving an orphan.
 */
const PARENT_ENV = 'TFACTIONS_DEMO_PARENT_PID';
const CHECK_INTERVAL_MS = 1_000;

const parentPid = Number(process.env[PARENT_ENV]);

function parentAlive(): boolean {
  if (process.ppid !== parentPid) return false;
  try {
    process.kill(parentPid, 0);
    return true;
  } catch {
    return false;
  }
}

if (Number.isInteger(parentPid) && parentPid > 0) {
  const timer = setInterval(() => {
    if (parentAlive()) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, CHECK_INTERVAL_MS);
  timer.unref();
}

export {};
