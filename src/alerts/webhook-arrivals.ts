import type { Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';

/** Redis keys of the webhook doorbell, under the alert pipeline's prefix. */
export function doorbellKeys(keys: AlertKeys) {
  return {
    /** Hash: subscription ID -> ISO time its last webhook arrived. */
    lastWebhook: `${keys.prefix}webhook:last`,
    /** Set for a second after a webhook poll of the subscription was enqueued. */
    pollGate: (subscriptionId: string) => `${keys.prefix}webhook:gate:${subscriptionId}`,
    /** Set by every webhook, taken by the next poll that starts (webhook-follow-up.ts). */
    unseen: (subscriptionId: string) => `${keys.prefix}webhook:unseen:${subscriptionId}`,
  };
}

/** When each subscription's last webhook arrived; a subscription without one is absent ("polling only"). */
export async function readLastWebhooks(
  redis: Redis,
  keys: AlertKeys,
  subscriptionIds: readonly string[],
): Promise<Map<string, string>> {
  const arrivals = new Map<string, string>();
  if (subscriptionIds.length === 0) return arrivals;
  const values = await redis.hmget(doorbellKeys(keys).lastWebhook, ...subscriptionIds);
  subscriptionIds.forEach((id, index) => {
    const value = values[index];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) arrivals.set(id, value);
  });
  return arrivals;
}

/** For unsubscribe: a subscription made again later starts at "never". */
export async function forgetLastWebhook(
  redis: Redis,
  keys: AlertKeys,
  subscriptionId: string,
): Promise<void> {
  const doorbell = doorbellKeys(keys);
  await redis
    .pipeline()
    .hdel(doorbell.lastWebhook, subscriptionId)
    .del(doorbell.unseen(subscriptionId))
    .exec();
}
