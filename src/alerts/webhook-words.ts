/** How a subscription's last webhook is told, in `/tfactions subscriptions` and the doctor alike. */
export const NEVER_WEBHOOK = 'never: polling only';

/** `formatAt` renders the ISO arrival (a Slack date in Slack, the ISO text in a terminal). */
export function describeLastWebhook(
  arrivedAt: string | undefined,
  formatAt: (iso: string) => string = (iso) => iso,
): string {
  return `Last webhook: ${arrivedAt === undefined ? NEVER_WEBHOOK : formatAt(arrivedAt)}`;
}
