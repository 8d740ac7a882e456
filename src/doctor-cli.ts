/** `npm run doctor`: the operator's check of configuration, Redis, both tokens and channel membership. */
import { createAlertService } from './alerts/producer.js';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { runDoctor } from './ops/doctor.js';
import { formatDoctorReport } from './ops/doctor-blocks.js';
import { connectProbe } from './redis.js';
import { alertSlackClient, hcpClientFor } from './runtime/clients.js';
import { startRateGate } from './runtime/rate-gate.js';

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stdout.write(`[FAIL] Configuration\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({ level: 'error', secrets: secretsOf(config), name: 'tfactions-doctor' });
  const redis = await connectProbe(config, () => undefined);
  const gate = await startRateGate(config, logger);
  const alerts = createAlertService({
    redisUrl: config.redisUrl,
    pollIntervalSeconds: config.pollIntervalSeconds,
    logger,
    prefix: config.redisKeyPrefix,
  });
  try {
    const report = await runDoctor({
      config,
      hcp: hcpClientFor(config, logger, undefined, 'query', gate.pacer),
      redis,
      slack: alertSlackClient(config, logger),
      channels: () => alerts.listSubscribedChannels().catch(() => []),
    });
    process.stdout.write(`${formatDoctorReport(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await alerts.close();
    redis.disconnect();
    gate.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`doctor failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
