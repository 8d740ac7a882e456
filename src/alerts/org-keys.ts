import { createHash } from 'node:crypto';
import type { AlertKeys } from './keys.js';

/**
 * Redis keys of organization subscriptions, beside the workspace ones (same prefix). A member is the
 * per-workspace part of an organization subscription: an ordinary subscription record under
 * keys.subscription(memberId), so today's poll (cursor, pending, claims) runs on it unchanged, but
 * listed in no channel index and driven by the organization's job instead of a scheduler of its own.
 */
export interface OrgKeys {
  orgSubscription(orgSubscriptionId: string): string;
  /** Set of organization subscription IDs of one organization. */
  organizationSubscriptions(organization: string): string;
  channelOrgSubscriptions(channelId: string): string;
  /** Set of organizations with at least one subscription (one scheduler each). */
  organizations(): string;
  /** Set of workspace IDs with a member under this organization subscription. */
  members(orgSubscriptionId: string): string;
  /** String JSON: the organization's signal state (watermark, runs in progress, mode). */
  signal(organization: string): string;
  /** Hash workspace ID -> JSON facts (name, project, tags): what is known of the organization's workspaces. */
  directory(organization: string): string;
  /** Hash: when the directory was last listed in full, and how many requests it took. */
  directoryMeta(organization: string): string;
  /** Set of member IDs with runs still in progress: polled every cycle until they settle. */
  pendingMembers(organization: string): string;
}

export function createOrgKeys(keys: AlertKeys): OrgKeys {
  const p = keys.prefix;
  return {
    orgSubscription: (id) => `${p}orgsub:${id}`,
    organizationSubscriptions: (organization) => `${p}orgsubs:org:${organization}`,
    channelOrgSubscriptions: (channelId) => `${p}orgsubs:channel:${channelId}`,
    organizations: () => `${p}orgsubs:orgs`,
    members: (id) => `${p}orgsub:members:${id}`,
    signal: (organization) => `${p}org:signal:${organization}`,
    directory: (organization) => `${p}org:dir:${organization}`,
    directoryMeta: (organization) => `${p}org:dirmeta:${organization}`,
    pendingMembers: (organization) => `${p}org:pending:${organization}`,
  };
}

/** `C123-org-<12 hex>`: stable for one channel and one canonical scope text; no ':' (job IDs). */
export function orgSubscriptionIdFor(channelId: string, scopeText: string): string {
  const digest = createHash('sha1').update(scopeText).digest('hex').slice(0, 12);
  return `${channelId}-org-${digest}`;
}

export function memberIdFor(orgSubscriptionId: string, workspaceId: string): string {
  return `${orgSubscriptionId}-${workspaceId}`;
}

/** The scheduler of an organization: one per organization, whatever its number of subscriptions. */
export function organizationJobKey(organization: string): string {
  return `org-${organization}`;
}
