import type { SubscriptionHealth } from '../alerts/health.js';
import { describeOutage } from '../alerts/health-words.js';
import { code, escapeMrkdwnOnce, slackDate } from './blocks/mrkdwn.js';

/** One line of `subscriptions` per subscription: last good poll, and what is wrong now, if anything. */
export function describeHealth(health: SubscriptionHealth | undefined, workspaceLabelText: string): string {
  const lines: string[] = [];
  const last = health?.lastSuccessAt;
  if (health?.channelError)
    lines.push(
      `:no_entry: tfactions cannot post here (Slack: ${code(health.channelError)}); alerts are kept and posted once the bot is back: \`/invite @tfactions\`.`,
    );
  if (health?.errorClass) {
    const words = describeOutage(health.errorClass, escapeMrkdwnOnce(workspaceLabelText));
    const since = health.failingSince ? ` since ${slackDate(health.failingSince)}` : '';
    const icon = health.noticed ? ':rotating_light: Alerts not working' : ':warning: Polls failing';
    lines.push(`${icon}${since} (${health.consecutiveFailures} in a row): ${words.why} ${words.fix}`);
  }
  lines.push(last ? `Last successful poll ${slackDate(last)}` : 'No successful poll yet');
  return lines.join('\n');
}
