/**
 * `npm run demo`: tfactions offline, no Slack workspace or HCP Terraform account needed.
 * `npm run demo -- --once`: play the scenario, check it, exit 0 only if every expectation held (CI smoke test).
 */
import { DemoAbortedError, DemoSetupError, runDemo } from './demo/run-demo.js';

/** The whole --once run, setup included; runDemo's own budget is a little shorter so it can report. */
const ONCE_HARD_LIMIT_MS = 120_000;
const CLOSE_LIMIT_MS = 20_000;

async function main(): Promise<number> {
  const once = process.argv.slice(2).includes('--once');
  const stop = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stdout.write('\nStopping the demo...\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  if (once) {
    const limit = setTimeout(() => {
      process.stderr.write(`\nThe demo did not finish within ${ONCE_HARD_LIMIT_MS / 1000} s; stopping it.\n`);
      stop.abort();
      setTimeout(() => process.exit(1), CLOSE_LIMIT_MS).unref();
    }, ONCE_HARD_LIMIT_MS);
    limit.unref();
  }

  try {
    const handle = await runDemo({ once, print: true, signal: stop.signal });
    if (once) return handle.outcome.ok ? 0 : 1;
    await new Promise<void>((resolve) =>
      stop.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    await handle.close();
    return 130;
  } catch (error) {
    if (error instanceof DemoAbortedError) return interrupted ? 130 : 1;
    if (error instanceof DemoSetupError) {
      process.stderr.write(`\n${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `\nThe demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

main().then((code) => process.exit(code));
