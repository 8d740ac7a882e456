import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process, served at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly polls = new Counter({
    name: 'tfactions_polls_total',
    help: 'Subscription polls, by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly hcpRequests = new Counter({
    name: 'tfactions_hcp_requests_total',
    help: 'HCP Terraform API requests, by HTTP status (or error kind when there was no answer)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly pollHcpErrors = new Counter({
    name: 'tfactions_poll_hcp_errors_total',
    help: 'Subscription polls that failed on an HCP Terraform error, by error kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly hcpRateLimited = new Counter({
    name: 'tfactions_hcp_rate_limited_total',
    help: 'HCP Terraform 429 answers',
    registers: [this.registry],
  });
  readonly hcpItemsSkipped = new Counter({
    name: 'tfactions_hcp_items_skipped_total',
    help: 'Unreadable items skipped from HCP Terraform pages (the rest of each page is used), by endpoint',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });
  readonly alertsPosted = new Counter({
    name: 'tfactions_alerts_posted_total',
    help: 'Slack messages posted by the alert pipeline, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly alertLatency = new Histogram({
    name: 'tfactions_alert_latency_seconds',
    help: "Seconds from a failing run summary's invoked-at to its alert in Slack",
    buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'tfactions_queue_depth',
    help: 'Jobs waiting or delayed, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  readonly failingSubscriptions = new Gauge({
    name: 'tfactions_subscriptions_failing',
    help: 'Subscriptions whose alerts are not working: polls failing past the threshold, or a channel the bot cannot post in',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'tfactions_' });
  }

  readonly handler = (_req: IncomingMessage, res: ServerResponse): void => {
    this.registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': this.registry.contentType });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  };
}
