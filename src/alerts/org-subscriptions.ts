import type { ChainableCommander, Redis } from 'ioredis';
import type { AlertKeys } from './keys.js';
import { createOrgKeys, memberIdFor, type OrgKeys, orgSubscriptionIdFor } from './org-keys.js';
import { normalizeScope, type OrganizationScope, scopeText } from './scope.js';
import { checkChannelId, cleanFilters, type Subscription } from './subscriptions.js';
import type { SubscriptionFilters } from './types.js';

export interface OrgSubscription {
  /** `${channelId}-org-${digest of the scope text}` */
  id: string;
  channelId: string;
  organization: string;
  scope: OrganizationScope;
  filters: SubscriptionFilters;
  createdBy: string;
  createdAt: string;
}

/** Organization subscriptions and their members in Redis (org-keys.ts describes the layout). */
export class OrgSubscriptionStore {
  readonly orgKeys: OrgKeys;

  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {
    this.orgKeys = createOrgKeys(keys);
  }

  /** Creates the subscription, or updates the filters of the same scope (members drop what they read). */
  async upsert(input: {
    channelId: string;
    scope: OrganizationScope;
    filters: SubscriptionFilters;
    userId: string;
    now: Date;
  }): Promise<{ subscription: OrgSubscription; created: boolean }> {
    const channelId = checkChannelId(input.channelId);
    const scope = normalizeScope(input.scope);
    const id = orgSubscriptionIdFor(channelId, scopeText(scope));
    const existing = await this.get(id);
    const subscription: OrgSubscription = {
      id,
      channelId,
      organization: scope.organization,
      scope,
      filters: cleanFilters(input.filters),
      createdBy: existing?.createdBy ?? input.userId,
      createdAt: existing?.createdAt ?? input.now.toISOString(),
    };
    const k = this.orgKeys;
    const multi = this.redis
      .multi()
      .set(k.orgSubscription(id), JSON.stringify(subscription))
      // Health (health.ts) counts failures only of a subscription whose record exists under this key.
      .set(this.keys.subscription(id), JSON.stringify(healthSubject(subscription)))
      .sadd(k.organizationSubscriptions(scope.organization), id)
      .sadd(k.channelOrgSubscriptions(channelId), id)
      .sadd(k.organizations(), scope.organization);
    if (existing) {
      for (const workspaceId of await this.memberWorkspaceIds(id))
        multi.del(this.keys.readInvocations(memberIdFor(id, workspaceId)));
    }
    await multi.exec();
    return { subscription, created: existing === null };
  }

  async get(id: string): Promise<OrgSubscription | null> {
    const raw = await this.redis.get(this.orgKeys.orgSubscription(id));
    return raw === null ? null : parseOrgSubscription(raw);
  }

  async listForChannel(channelId: string): Promise<OrgSubscription[]> {
    return this.load(
      await this.redis.smembers(this.orgKeys.channelOrgSubscriptions(checkChannelId(channelId))),
    );
  }

  async listForOrganization(organization: string): Promise<OrgSubscription[]> {
    return this.load(await this.redis.smembers(this.orgKeys.organizationSubscriptions(organization)));
  }

  async listOrganizations(): Promise<string[]> {
    return (await this.redis.smembers(this.orgKeys.organizations())).sort();
  }

  /** Removes the subscription, its members and their polling state; the organization when it was the last. */
  async remove(
    channelId: string,
    scope: OrganizationScope,
  ): Promise<{ removed: boolean; lastOfOrganization: boolean }> {
    const normalized = normalizeScope(scope);
    const id = orgSubscriptionIdFor(checkChannelId(channelId), scopeText(normalized));
    const k = this.orgKeys;
    const workspaceIds = await this.memberWorkspaceIds(id);
    const multi = this.redis
      .multi()
      .del(k.orgSubscription(id), this.keys.subscription(id))
      .srem(k.organizationSubscriptions(normalized.organization), id)
      .srem(k.channelOrgSubscriptions(channelId), id)
      .del(k.members(id), this.keys.health(id))
      .srem(this.keys.failingSubscriptions(), id);
    for (const workspaceId of workspaceIds)
      this.deleteMemberState(multi, normalized.organization, memberIdFor(id, workspaceId));
    const results = await multi.exec();
    const deleted = results?.[0]?.[1];
    const left = await this.redis.scard(k.organizationSubscriptions(normalized.organization));
    if (left === 0) await this.redis.srem(k.organizations(), normalized.organization);
    return { removed: typeof deleted === 'number' && deleted > 0, lastOfOrganization: left === 0 };
  }

  /** The channel's organization subscriptions with a member for this workspace (one round trip for the check). */
  async coveringWorkspace(channelId: string, workspaceId: string): Promise<OrgSubscription[]> {
    const subscriptions = await this.listForChannel(channelId);
    if (subscriptions.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const subscription of subscriptions)
      pipeline.sismember(this.orgKeys.members(subscription.id), workspaceId);
    const replies = (await pipeline.exec()) ?? [];
    return subscriptions.filter((_subscription, index) => replies[index]?.[1] === 1);
  }

  async memberWorkspaceIds(id: string): Promise<string[]> {
    return this.redis.smembers(this.orgKeys.members(id));
  }

  /**
   * Stores the member of a workspace that joined the scope: an ordinary subscription record the per-workspace
   * poll runs on, listed among the members unless `indexed` is false (a join that must set the cursor first,
   * org-join.ts). Only while the organization subscription exists (checked first; a removal that races this
   * leaves at most a record without index, which the next removal of the scope deletes).
   */
  async addMember(
    parent: OrgSubscription,
    workspace: { id: string; name: string },
    indexed = true,
  ): Promise<Subscription | null> {
    if (!(await this.get(parent.id))) return null;
    const member: Subscription = {
      id: memberIdFor(parent.id, workspace.id),
      channelId: parent.channelId,
      workspaceId: workspace.id,
      organization: parent.organization,
      workspaceName: workspace.name,
      filters: parent.filters,
      createdBy: parent.createdBy,
      createdAt: parent.createdAt,
    };
    const multi = this.redis.multi().set(this.keys.subscription(member.id), JSON.stringify(member));
    if (indexed) multi.sadd(this.orgKeys.members(parent.id), workspace.id);
    await multi.exec();
    return member;
  }

  /** Lists a member stored with `indexed` false, once its cursor is set. */
  async indexMember(parent: OrgSubscription, workspaceId: string): Promise<void> {
    await this.redis.sadd(this.orgKeys.members(parent.id), workspaceId);
  }

  /** A workspace left the scope: its member and polling state go. */
  async removeMember(parent: OrgSubscription, workspaceId: string): Promise<void> {
    const multi = this.redis.multi().srem(this.orgKeys.members(parent.id), workspaceId);
    this.deleteMemberState(multi, parent.organization, memberIdFor(parent.id, workspaceId));
    await multi.exec();
  }

  private deleteMemberState(multi: ChainableCommander, organization: string, memberId: string): void {
    multi
      .del(
        this.keys.subscription(memberId),
        this.keys.cursor(memberId),
        this.keys.pending(memberId),
        this.keys.readInvocations(memberId),
        this.keys.health(memberId),
      )
      .srem(this.keys.failingSubscriptions(), memberId)
      .srem(this.orgKeys.pendingMembers(organization), memberId);
  }

  private async load(ids: string[]): Promise<OrgSubscription[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.orgKeys.orgSubscription(id)));
    return raws
      .map((raw) => (raw === null ? null : parseOrgSubscription(raw)))
      .filter((sub): sub is OrgSubscription => sub !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}

/**
 * The organization subscription as the health module sees it: its label is the scope. It is never polled as
 * a workspace (it has no scheduler and is in no subscription index).
 */
export function healthSubject(subscription: OrgSubscription): Subscription {
  return {
    id: subscription.id,
    channelId: subscription.channelId,
    workspaceId: '',
    organization: subscription.organization,
    workspaceName: scopeText(subscription.scope).slice(subscription.organization.length + 1),
    filters: subscription.filters,
    createdBy: subscription.createdBy,
    createdAt: subscription.createdAt,
  };
}

function parseOrgSubscription(raw: string): OrgSubscription | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    const strings = ['id', 'channelId', 'organization', 'createdBy', 'createdAt'];
    if (!strings.every((key) => typeof record[key] === 'string')) return null;
    if (typeof record.scope !== 'object' || record.scope === null) return null;
    if (typeof record.filters !== 'object' || record.filters === null) return null;
    return value as OrgSubscription;
  } catch {
    return null;
  }
}
