import type { RequestEvent } from '../../src/hcp/transport.js';
import { hcpRequestObserver, prometheusAlertMetrics } from '../../src/ops/alert-metrics.js';
import { Metrics } from '../../src/ops/metrics.js';

function requestEvent(overrides: Partial<RequestEvent>): RequestEvent {
  return {
    method: 'GET',
    path: '/terraform-actions/action-1',
    route: '/terraform-actions/:action_id',
    status: 200,
    durationMs: 5,
    attempt: 1,
    ...overrides,
  };
}

test('a poll that fails on an HCP Terraform error is counted by the error kind', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  const alerts = prometheusAlertMetrics(metrics);
  alerts.hcpError('rate_limited');
  alerts.hcpError('rate_limited');
  alerts.hcpError('network');
  const text = await metrics.registry.getSingleMetricAsString('tfactions_poll_hcp_errors_total');
  expect(text).toContain('tfactions_poll_hcp_errors_total{kind="rate_limited"} 2');
  expect(text).toContain('tfactions_poll_hcp_errors_total{kind="network"} 1');
});

test('HCP requests are counted by status, and 429s on their own', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  const observe = hcpRequestObserver(metrics);
  observe(requestEvent({ status: 429 }));
  observe(requestEvent({ status: null, errorKind: 'timeout' }));
  expect(await metrics.registry.getSingleMetricAsString('tfactions_hcp_requests_total')).toContain(
    'tfactions_hcp_requests_total{status="429"} 1',
  );
  expect(await metrics.registry.getSingleMetricAsString('tfactions_hcp_requests_total')).toContain(
    'tfactions_hcp_requests_total{status="timeout"} 1',
  );
  expect(await metrics.registry.getSingleMetricAsString('tfactions_hcp_rate_limited_total')).toContain(
    'tfactions_hcp_rate_limited_total 1',
  );
});
