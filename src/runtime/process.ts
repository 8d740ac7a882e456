import { type Config, ConfigError, loadConfig, secretsOf } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { Metrics } from '../ops/metrics.js';

export interface Running {
  close(): Promise<void>;
}

export interface ProcessContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
}

/** Graceful shutdown must finish within this; Heroku-style platforms SIGKILL after 30 s. */
export const SHUTDOWN_BUDGET_MS = 10_000;

/**
 * The frame of every entry point: configuration (one message naming every problem), a redacting logger,
 * metrics, and a graceful stop on SIGTERM/SIGINT within 10 s.
 */
export function runProcess(name: string, start: (context: ProcessContext) => Promise<Running>): void {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    name: `tfactions-${name}`,
  });
  const metrics = new Metrics();
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  start({ config, logger, metrics }).then(
    (running) => stopOnSignals(name, running, logger),
    (error: unknown) => {
      logger.fatal({ err: error }, `${name} failed to start`);
      logger.flush(() => process.exit(1));
    },
  );
}

function stopOnSignals(name: string, running: Running, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} stopping`);
    const exit = (code: number) => logger.flush(() => process.exit(code));
    const deadline = setTimeout(() => {
      logger.warn(`${name} did not stop within ${SHUTDOWN_BUDGET_MS / 1000} s; exiting anyway`);
      exit(1);
    }, SHUTDOWN_BUDGET_MS);
    deadline.unref();
    running.close().then(
      () => {
        logger.info(`${name} stopped`);
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, `error while stopping ${name}`);
        exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
