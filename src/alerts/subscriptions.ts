import type { Redis } from 'ioredis';
import { isValidId } from '../hcp/ids.js';
import type { Workspace } from '../hcp/types.js';
import type { AlertKeys } from './keys.js';
import { subscriptionIdFor } from './keys.js';
import type { SubscriptionFilters } from './types.js';

export interface Subscription {
  /** `${channelId}-${workspaceId}` */
  id: string;
  channelId: string;
  workspaceId: string;
  organization: string;
  workspaceName: string;
  filters: SubscriptionFilters;
  createdBy: string;
  createdAt: string;
}

/** Slack conversation IDs (C…, G…, D…): letters and digits only, so they are safe inside keys and job IDs. */
const CHANNEL_ID = /^[A-Z0-9]{2,40}$/i;

export function checkChannelId(channelId: string): string {
  if (!CHANNEL_ID.test(channelId))
    throw new RangeError(`${JSON.stringify(channelId)} is not a Slack channel ID`);
  return channelId;
}

/** Channel subscriptions in Redis: one JSON record per subscription plus per-channel and global indexes. */
export class SubscriptionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

  /** Creates the subscription, or updates the filters of an existing one (its alert state is kept). */
  async upsert(input: {
    channelId: string;
    workspace: Workspace;
    filters: SubscriptionFilters;
    userId: string;
    now: Date;
  }): Promise<{ subscription: Subscription; created: boolean }> {
    const channelId = checkChannelId(input.channelId);
    if (!isValidId('workspace', input.workspace.id))
      throw new RangeError(`${JSON.stringify(input.workspace.id)} is not a workspace ID`);
    const id = subscriptionIdFor(channelId, input.workspace.id);
    const existing = await this.get(id);
    const subscription: Subscription = {
      id,
      channelId,
      workspaceId: input.workspace.id,
      organization: input.workspace.organization,
      workspaceName: input.workspace.name,
      filters: cleanFilters(input.filters),
      createdBy: existing?.createdBy ?? input.userId,
      createdAt: existing?.createdAt ?? input.now.toISOString(),
    };
    await this.redis
      .multi()
      .set(this.keys.subscription(id), JSON.stringify(subscription))
      // What was read under the old filters says nothing about the new ones.
      .del(this.keys.readInvocations(id))
      .sadd(this.keys.channelSubscriptions(channelId), id)
      .sadd(this.keys.allSubscriptions(), id)
      .exec();
    return { subscription, created: existing === null };
  }

  async get(subscriptionId: string): Promise<Subscription | null> {
    const raw = await this.redis.get(this.keys.subscription(subscriptionId));
    return raw === null ? null : parseSubscription(raw);
  }

  async listForChannel(channelId: string): Promise<Subscription[]> {
    const ids = await this.redis.smembers(this.keys.channelSubscriptions(checkChannelId(channelId)));
    return this.load(ids);
  }

  async listAll(): Promise<Subscription[]> {
    return this.load(await this.redis.smembers(this.keys.allSubscriptions()));
  }

  /** Removes the subscription and its polling state (cursor, pending runs, health, the old 404 flag). */
  async remove(channelId: string, workspaceId: string): Promise<boolean> {
    const id = subscriptionIdFor(checkChannelId(channelId), workspaceId);
    const results = await this.redis
      .multi()
      .del(this.keys.subscription(id))
      .srem(this.keys.channelSubscriptions(channelId), id)
      .srem(this.keys.allSubscriptions(), id)
      .srem(this.keys.failingSubscriptions(), id)
      .del(
        this.keys.health(id),
        this.keys.cursor(id),
        this.keys.pending(id),
        this.keys.lastError(id),
        this.keys.readInvocations(id),
      )
      .exec();
    const deleted = results?.[0]?.[1];
    return typeof deleted === 'number' && deleted > 0;
  }

  private async load(ids: string[]): Promise<Subscription[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.keys.subscription(id)));
    return raws
      .map((raw) => (raw === null ? null : parseSubscription(raw)))
      .filter((sub): sub is Subscription => sub !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}

export function cleanFilters(filters: SubscriptionFilters): SubscriptionFilters {
  const clean: SubscriptionFilters = {};
  if (filters.provider) clean.provider = filters.provider;
  if (filters.moduleAddress) clean.moduleAddress = filters.moduleAddress;
  if (filters.invocationMethods?.length) clean.invocationMethods = [...filters.invocationMethods];
  if (filters.sources?.length) clean.sources = [...filters.sources];
  if (filters.invokedBy?.length) clean.invokedBy = [...filters.invokedBy];
  if (filters.notInvokedBy?.length) clean.notInvokedBy = [...filters.notInvokedBy];
  if (filters.errorText) clean.errorText = filters.errorText;
  return clean;
}

function parseSubscription(raw: string): Subscription | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    const strings = [
      'id',
      'channelId',
      'workspaceId',
      'organization',
      'workspaceName',
      'createdBy',
      'createdAt',
    ];
    if (!strings.every((key) => typeof record[key] === 'string')) return null;
    if (typeof record.filters !== 'object' || record.filters === null) return null;
    return value as Subscription;
  } catch {
    return null;
  }
}
