import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { type AlertService, createAlertService } from '../alerts/producer.js';
import type { Config } from '../config.js';
import type { HcpApi } from '../hcp/api.js';
import type { Logger } from '../logger.js';
import { runDoctor } from '../ops/doctor.js';
import { renderDoctorReport } from '../ops/doctor-blocks.js';
import { checkHealth, healthHandler } from '../ops/health.js';
import type { Metrics } from '../ops/metrics.js';
import { connectProbe, createRedis } from '../redis.js';
import { createSlackApp, type HttpRoute } from '../slack/app.js';
import { buttonCodecFor } from '../slack/buttons/key.js';
import { slackChannelReachability } from '../slack/channel-check.js';
import { actionErrorFinderFor } from './action-errors.js';
import { hcpClientFor } from './clients.js';
import { notificationRoute } from './notifications.js';
import { slackDispatcher, slackFetch } from './outbound.js';
import { startRateGate } from './rate-gate.js';

export interface WebRuntime {
  readonly app: App;
  /** The HTTP port actually bound (null in Socket Mode without routes). */
  readonly port: number | null;
  close(): Promise<void>;
}

export interface WebRuntimeOptions {
  hcp?: HcpApi;
  metrics?: Metrics;
}

/**
 * The web process: Bolt app, /healthz, /metrics and /hcp/notifications, subscriptions written through the
 * alert service.
 */
export async function startWebRuntime(
  config: Config,
  logger: Logger,
  options: WebRuntimeOptions = {},
): Promise<WebRuntime> {
  const gate = options.hcp ? undefined : await startRateGate(config, logger);
  const hcp = options.hcp ?? hcpClientFor(config, logger, options.metrics, 'query', gate?.pacer);
  const redis = await connectProbe(config, (error) =>
    logger.debug({ err: error }, 'health redis connection error'),
  );
  const alerts: AlertService = createAlertService({
    redisUrl: config.redisUrl,
    pollIntervalSeconds: config.pollIntervalSeconds,
    logger,
    prefix: config.redisKeyPrefix,
  });
  const codec = buttonCodecFor(config);
  const errorTextRedis = createRedis(config, 'commands');
  errorTextRedis.on('error', (error) => logger.debug({ err: error }, 'error text redis connection error'));
  const findActionError = actionErrorFinderFor(config, logger, errorTextRedis, {
    ...(gate ? { pacer: gate.pacer } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const notifications = notificationRoute(config, logger);
  const routes: HttpRoute[] = [
    { path: '/healthz', method: 'GET', handler: healthHandler(() => checkHealth(redis, 'web')) },
    notifications.route,
  ];
  if (options.metrics) routes.push({ path: '/metrics', method: 'GET', handler: options.metrics.handler });

  const app = createSlackApp(
    {
      config,
      logger,
      hcp,
      alerts,
      codec,
      now: () => new Date(),
      findActionError,
      channelReachable: (channelId) => slackChannelReachability(app.client)(channelId),
      doctor: async (channelId) =>
        renderDoctorReport(
          await runDoctor({ config, hcp, redis, slack: app.client, channels: async () => [channelId] }),
        ),
    },
    { routes, outbound: { fetch: slackFetch, dispatcher: slackDispatcher() } },
  );

  let port: number | null = null;
  if (config.socketMode) {
    await app.start();
    port = config.port;
  } else {
    const server = (await app.start(config.port)) as Server;
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
  }
  logger.info({ port, mode: config.socketMode ? 'socket' : 'http' }, 'web ready');

  return {
    app,
    port,
    async close() {
      await app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, 'error while stopping the Slack app'));
      await alerts.close();
      await notifications.close();
      redis.disconnect();
      errorTextRedis.disconnect();
      gate?.close();
    },
  };
}
