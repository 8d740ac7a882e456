import { createServer, type Server } from 'node:http';
import { startAlertWorker } from '../alerts/alert-worker.js';
import { HealthStore } from '../alerts/health.js';
import { createAlertKeys } from '../alerts/keys.js';
import type { Config } from '../config.js';
import type { HcpApi } from '../hcp/api.js';
import type { Logger } from '../logger.js';
import { prometheusAlertMetrics } from '../ops/alert-metrics.js';
import { checkHealth, type FailingSubscription, healthHandler } from '../ops/health.js';
import type { Metrics } from '../ops/metrics.js';
import { connectProbe, createRedis } from '../redis.js';
import { SlackAlertPresenter } from '../slack/alert-presenter.js';
import { buttonCodecFor } from '../slack/buttons/key.js';
import { actionErrorFinderFor } from './action-errors.js';
import { alertSlackClient, hcpClientFor } from './clients.js';
import type { Running } from './process.js';
import { startRateGate } from './rate-gate.js';

export interface WorkerRuntimeOptions {
  metrics?: Metrics;
  hcp?: HcpApi;
  /** Serve /healthz and /metrics on WORKER_PORT (off when the web process in the same process serves them). */
  serveHttp?: boolean;
}

export interface WorkerRuntime extends Running {
  /** The HTTP port bound for /healthz and /metrics, when serving. */
  readonly port: number | null;
}

/** The worker process: BullMQ workers and schedulers, plus its own /healthz and /metrics. */
export async function startWorkerRuntime(
  config: Config,
  logger: Logger,
  options: WorkerRuntimeOptions = {},
): Promise<WorkerRuntime> {
  const gate = options.hcp ? undefined : await startRateGate(config, logger);
  const errorTextRedis = createRedis(config, 'commands');
  errorTextRedis.on('error', (error) => logger.debug({ err: error }, 'error text redis connection error'));
  const findActionError = actionErrorFinderFor(config, logger, errorTextRedis, {
    ...(gate ? { pacer: gate.pacer } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const worker = await startAlertWorker({
    findActionError,
    redisUrl: config.redisUrl,
    hcp: options.hcp ?? hcpClientFor(config, logger, options.metrics, 'poll', gate?.pacer),
    slack: alertSlackClient(config, logger),
    presenter: new SlackAlertPresenter(buttonCodecFor(config), config.tfeAddress),
    logger,
    pollIntervalSeconds: config.pollIntervalSeconds,
    ...(options.metrics ? { metrics: prometheusAlertMetrics(options.metrics) } : {}),
    prefix: config.redisKeyPrefix,
  });

  let server: Server | null = null;
  let redis: Awaited<ReturnType<typeof connectProbe>> | null = null;
  let port: number | null = null;
  const workerPort = config.workerPort;
  if (options.serveHttp !== false && workerPort !== null) {
    const healthRedis = await connectProbe(config, () => undefined);
    redis = healthRedis;
    const subscriptionHealth = new HealthStore(healthRedis, createAlertKeys(config.redisKeyPrefix));
    const health = healthHandler(() =>
      checkHealth(healthRedis, 'worker', () => failingSubscriptions(subscriptionHealth)),
    );
    const metrics = options.metrics;
    server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/healthz') return health(req, res);
      if (req.method === 'GET' && req.url === '/metrics' && metrics) return metrics.handler(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    });
    const bound = server;
    port = await new Promise<number | null>((resolve) => {
      // Polling and alerts do not depend on being observed: a taken port costs the probes, not the worker.
      bound.once('error', (error) => {
        logger.warn(
          { err: error, port: workerPort },
          'worker /healthz and /metrics disabled: cannot listen on WORKER_PORT (set another, or 0 for none)',
        );
        resolve(null);
      });
      bound.listen(workerPort, () => {
        const address = bound.address();
        resolve(typeof address === 'object' && address ? address.port : workerPort);
      });
    });
    if (port === null) server = null;
  }
  logger.info({ pollIntervalSeconds: config.pollIntervalSeconds, port }, 'worker ready');

  return {
    port,
    async close() {
      server?.close();
      await worker.close();
      redis?.disconnect();
      errorTextRedis.disconnect();
      gate?.close();
    },
  };
}

async function failingSubscriptions(health: HealthStore): Promise<FailingSubscription[]> {
  const ids = await health.failingIds();
  const all = await health.read(ids);
  return ids.map((id) => {
    const entry = all.get(id);
    return {
      subscription: id,
      error: entry?.errorClass ?? null,
      channelError: entry?.channelError ?? null,
      failingSince: entry?.failingSince ?? null,
      lastSuccessAt: entry?.lastSuccessAt ?? null,
    };
  });
}
