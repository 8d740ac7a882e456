import type { Redis } from 'ioredis';
import { createAlertKeys } from '../alerts/keys.js';
import type { Config } from '../config.js';
import type { Pacer } from '../hcp/pacing.js';
import { createRunLogApi } from '../hcp/runs.js';
import type { Logger } from '../logger.js';
import { hcpRequestObserver } from '../ops/alert-metrics.js';
import type { Metrics } from '../ops/metrics.js';
import { createCachedActionErrorFinder } from '../run-errors/cache.js';
import { createActionErrorFinder, type FindActionError, type LogReadEvent } from '../run-errors/finder.js';

export interface ActionErrorFinderWiring {
  /** The token's shared bucket (startRateGate); the process-wide local bucket when absent. */
  pacer?: Pacer;
  metrics?: Metrics;
  /** Each log download, for the bench's cost figure. */
  onLogRead?: (event: LogReadEvent) => void;
}

/**
 * The process's error-text finder: run and stage reads paced with every other HCP call of the token, log
 * downloads through the same node-fetch stack (src/hcp/http-stack.ts, proxy-aware, no token sent), and one
 * read per (run, action) across processes (the Redis cache).
 */
export function actionErrorFinderFor(
  config: Config,
  logger: Logger,
  redis: Redis,
  wiring: ActionErrorFinderWiring = {},
): FindActionError {
  const api = createRunLogApi({
    address: config.tfeAddress,
    token: config.tfeToken,
    logger,
    ...(wiring.pacer ? { pacer: wiring.pacer } : {}),
    ...(wiring.metrics ? { onRequest: hcpRequestObserver(wiring.metrics) } : {}),
  });
  const base = config.tfeAddress.replace(/\/+$/, '');
  const find = createActionErrorFinder({
    api,
    // Replaced by the workspace's run page wherever the workspace is known (the alert, the subscription).
    runPageUrl: (runId) => `${base}/app/runs/${encodeURIComponent(runId)}`,
    ...(wiring.onLogRead ? { onLogRead: wiring.onLogRead } : {}),
  });
  return createCachedActionErrorFinder({ redis, keys: createAlertKeys(config.redisKeyPrefix), find });
}
