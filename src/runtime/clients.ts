import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { createHcpClient, type HcpClient } from '../hcp/client.js';
import type { Pacer } from '../hcp/pacing.js';
import type { Logger } from '../logger.js';
import { hcpRequestObserver, hcpSkippedItemObserver } from '../ops/alert-metrics.js';
import type { Metrics } from '../ops/metrics.js';
import { boltLogger } from '../slack/bolt-logger.js';
import { slackFetch } from './outbound.js';

/** Below the alert claim's takeover age (20 s), so a timed-out post is never raced by its own retry. */
const SLACK_TIMEOUT_MS = 10_000;

/**
 * A person waits for a query and Slack's response_url stays valid for 30 minutes, so queries give a slow HCP
 * Terraform one long attempt rather than several short ones that each start over. Polls keep the client's
 * short timeout: the next tick retries anyway.
 */
const QUERY_TIMEOUTS = { timeoutMs: 25_000, maxRetryTimeMs: 60_000 } as const;

export function hcpClientFor(
  config: Config,
  logger: Logger,
  metrics: Metrics | undefined,
  purpose: 'query' | 'poll',
  /** The token's shared bucket (startRateGate); the process-wide local bucket when absent. */
  pacer?: Pacer,
): HcpClient {
  return createHcpClient({
    address: config.tfeAddress,
    token: config.tfeToken,
    logger,
    ...(pacer ? { pacer } : {}),
    ...(purpose === 'query' ? QUERY_TIMEOUTS : {}),
    ...(metrics
      ? { onRequest: hcpRequestObserver(metrics), onItemSkipped: hcpSkippedItemObserver(metrics) }
      : {}),
  });
}

/**
 * The worker's Web API client: 429s are rejected rather than retried inside the client, because retries go
 * through the alert pipeline's claim and history check, never blindly.
 */
export function alertSlackClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slackBotToken, {
    slackApiUrl: config.slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: SLACK_TIMEOUT_MS,
    logger: boltLogger(logger),
    fetch: slackFetch,
  });
}
