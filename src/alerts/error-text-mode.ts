import type { Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';
import { OrgSubscriptionStore } from './org-subscriptions.js';
import { SubscriptionStore } from './subscriptions.js';
import type { ErrorTextMode, SubscriptionFilters } from './types.js';

/**
 * One workspace may be covered in one channel by its workspace subscription and by organization
 * subscriptions at once. The strictest setting wins: `off` over `auto` (someone asked that no log be read
 * for this channel), `auto` over the default (someone asked for the error text in the thread).
 */
export function strictestErrorTextMode(
  coverings: readonly { filters: SubscriptionFilters }[],
): ErrorTextMode | undefined {
  const modes = coverings.map((covering) => covering.filters.errorText);
  if (modes.includes('off')) return 'off';
  return modes.includes('auto') ? 'auto' : undefined;
}

/** The `errors:` setting of the channel for one workspace, over all the subscriptions covering it there. */
export async function errorTextModeOf(
  redis: Redis,
  keys: AlertKeys,
  channelId: string,
  workspaceId: string,
): Promise<ErrorTextMode | undefined> {
  const [subscriptions, organizationSubscriptions] = await Promise.all([
    new SubscriptionStore(redis, keys).listForChannel(channelId),
    new OrgSubscriptionStore(redis, keys).coveringWorkspace(channelId, workspaceId),
  ]);
  return strictestErrorTextMode([
    ...subscriptions.filter((subscription) => subscription.workspaceId === workspaceId),
    ...organizationSubscriptions,
  ]);
}
