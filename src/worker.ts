/** Process entry (Procfile `worker:`): polls HCP Terraform for every subscription and posts the alerts. */
import { WebClient } from '@slack/web-api';
import { type AlertWorker, startAlertWorker } from './alerts/service.js';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { createHcpClient } from './hcp/client.js';
import { createLogger, type Logger } from './logger.js';
import { boltLogger } from './slack/bolt-logger.js';
import { buttonCodecFor } from './slack/buttons/key.js';

const SHUTDOWN_BUDGET_MS = 10_000;
/** Below the claim takeover age (20 s), so a timed-out post is never raced by its own retry. */
const SLACK_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
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
    name: 'tfactions-worker',
  });
  const hcp = createHcpClient({ address: config.tfeAddress, token: config.tfeToken, logger });
  const slack = new WebClient(config.slackBotToken, {
    slackApiUrl: config.slackApiUrl,
    rejectRateLimitedCalls: true,
    // Retries go through the alert pipeline's claim and history check, never blindly through the client.
    retryConfig: { retries: 0 },
    timeout: SLACK_TIMEOUT_MS,
    logger: boltLogger(logger),
  });

  const worker = await startAlertWorker({
    redisUrl: config.redisUrl,
    hcp,
    slack,
    codec: buttonCodecFor(config),
    tfeAddress: config.tfeAddress,
    logger,
    pollIntervalSeconds: config.pollIntervalSeconds,
  });
  logger.info({ pollIntervalSeconds: config.pollIntervalSeconds }, 'worker ready');
  handleSignals(worker, logger);
}

function handleSignals(worker: AlertWorker, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    const exit = () => logger.flush(() => process.exit(0));
    const deadline = setTimeout(() => {
      logger.warn('workers did not close within 10 s; exiting anyway');
      exit();
    }, SHUTDOWN_BUDGET_MS);
    deadline.unref();
    worker.close().then(
      () => {
        logger.info('worker stopped');
        exit();
      },
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'error while closing');
        exit();
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `tfactions worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
