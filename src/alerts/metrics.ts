/** What the alert pipeline reports for operations; the process wires it to prom-client (or not). */

export type PollOutcome =
  | 'baseline'
  | 'ok'
  | 'skipped_locked'
  | 'no_subscription'
  | 'not_found'
  | 'unauthorized'
  | 'rate_limited'
  | 'error';

export type PostKind = 'alert' | 'burst' | 'recovery' | 'problem' | 'health' | 'error-text';

export interface AlertMetrics {
  pollCompleted(outcome: PollOutcome): void;
  hcpError(kind: string): void;
  /** `count` alerts reached Slack in one message (a burst carries several). */
  alertsPosted(kind: PostKind, count: number): void;
  /** From the run's invoked-at (HCP clock) to the post (our clock). */
  alertLatencySeconds(seconds: number): void;
  queueDepth(queue: 'poll' | 'post', depth: number): void;
  /** Subscriptions whose alerts are not working (failing polls past the threshold, or an unreachable channel). */
  failingSubscriptions(count: number): void;
}

export const noopAlertMetrics: AlertMetrics = {
  pollCompleted: () => {},
  hcpError: () => {},
  alertsPosted: () => {},
  alertLatencySeconds: () => {},
  queueDepth: () => {},
  failingSubscriptions: () => {},
};
