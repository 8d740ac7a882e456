import type { AlertMetrics } from '../alerts/metrics.js';
import type { SkippedItemEvent } from '../hcp/skipped-items.js';
import type { RequestEvent } from '../hcp/transport.js';
import type { Metrics } from './metrics.js';

/** The alert pipeline's reports, as Prometheus series. */
export function prometheusAlertMetrics(metrics: Metrics): AlertMetrics {
  return {
    pollCompleted: (outcome) => metrics.polls.inc({ result: outcome }),
    hcpError: (kind) => metrics.pollHcpErrors.inc({ kind }),
    alertsPosted: (kind, count) => metrics.alertsPosted.inc({ kind }, count),
    alertLatencySeconds: (seconds) => metrics.alertLatency.observe(seconds),
    queueDepth: (queue, depth) => metrics.queueDepth.set({ queue }, depth),
    failingSubscriptions: (count) => metrics.failingSubscriptions.set(count),
  };
}

/** Every HCP Terraform request (each attempt) counted by its status, 429s on their own. */
export function hcpRequestObserver(metrics: Metrics): (event: RequestEvent) => void {
  return (event) => {
    metrics.hcpRequests.inc({
      status: event.status === null ? (event.errorKind ?? 'none') : String(event.status),
    });
    if (event.status === 429) metrics.hcpRateLimited.inc();
  };
}

/** Unreadable items skipped from pages, by the endpoint's path template. */
export function hcpSkippedItemObserver(metrics: Metrics): (event: SkippedItemEvent) => void {
  return (event) => metrics.hcpItemsSkipped.inc({ endpoint: event.route });
}
