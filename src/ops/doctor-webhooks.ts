import { createAlertKeys } from '../alerts/keys.js';
import { SubscriptionStore } from '../alerts/subscriptions.js';
import { readLastWebhooks } from '../alerts/webhook-arrivals.js';
import { describeLastWebhook } from '../alerts/webhook-words.js';
import { NOTIFICATION_TOKEN_VARIABLE, NOTIFICATIONS_PATH } from '../webhooks/route.js';
import { type DoctorCheck, type DoctorDeps, withTimeout } from './doctor-check.js';

/**
 * HCP notifications: whether the endpoint is on, and per subscription of the checked channels when its last
 * webhook arrived. Informational (never a failure): polling alone is a supported way to run tfactions.
 */
export async function webhookChecks(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const { config } = deps;
  const endpoint: DoctorCheck = {
    name: 'HCP notifications',
    ok: true,
    detail:
      config.hcpNotificationToken === undefined
        ? `${NOTIFICATION_TOKEN_VARIABLE} is not set: POST ${NOTIFICATIONS_PATH} answers 404 and alerts come by polling only (every ${config.pollIntervalSeconds}s); \`/tfactions webhook\` explains how to turn instant alerts on`
        : `${NOTIFICATION_TOKEN_VARIABLE} is set: POST ${NOTIFICATIONS_PATH} accepts signed HCP Terraform notifications`,
  };
  try {
    const keys = createAlertKeys(config.redisKeyPrefix);
    const store = new SubscriptionStore(deps.redis, keys);
    const channels = await deps.channels();
    const perChannel = await withTimeout(
      Promise.all(channels.map((channel) => store.listForChannel(channel))),
      'subscriptions',
    );
    const arrivals = await withTimeout(
      readLastWebhooks(
        deps.redis,
        keys,
        perChannel.flat().map((subscription) => subscription.id),
      ),
      'last webhooks',
    );
    // One check per channel, a line per subscription: a channel with many stays one entry of the report.
    const checks: DoctorCheck[] = perChannel.flatMap((subscriptions, index) =>
      subscriptions.length === 0
        ? []
        : [
            {
              name: `Webhooks <#${channels[index]}>`,
              ok: true,
              detail: subscriptions
                .map(
                  (subscription) =>
                    `${subscription.organization}/${subscription.workspaceName}: ${describeLastWebhook(arrivals.get(subscription.id))}`,
                )
                .join('\n'),
            },
          ],
    );
    return [endpoint, ...checks];
  } catch (error) {
    return [
      endpoint,
      {
        name: 'Last webhooks',
        ok: true,
        detail: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}
