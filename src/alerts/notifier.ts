import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { SlackMessage } from '../slack/blocks/message.js';
import type { AlertKeys } from './keys.js';

/** Slack message metadata type of every alert: lets a retry find a post whose outcome it never learned. */
export const ALERT_EVENT_TYPE = 'tfactions_alert';
/** Slack allows about one message per second per channel. */
export const CHANNEL_PACE_MS = 1000;
const HISTORY_PAGE_SIZE = 50;
const HISTORY_MAX_PAGES = 4;
const SLACK_ERROR_LOG_TTL_SECONDS = 86_400;

export interface PostOptions {
  threadTs?: string;
  /** Alert keys this message carries (`<channel>:<action>:<run>`). */
  alertKeys?: readonly string[];
}

/** Posts, updates and threads through one WebClient (the process's token), paced per channel in Redis. */
export class SlackNotifier {
  constructor(
    private readonly slack: WebClient,
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {}

  /** Returns the new message's ts. Rejects with the WebClient's error (see slack-errors.ts). */
  async post(channel: string, message: SlackMessage, options: PostOptions = {}): Promise<string> {
    const alertKeys = options.alertKeys ?? [];
    const result = await this.slack.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      ...(alertKeys.length > 0
        ? {
            metadata: {
              event_type: ALERT_EVENT_TYPE,
              event_payload: { key: alertKeys[0] ?? '', keys: alertKeys.join(' ') },
            },
          }
        : {}),
    });
    if (typeof result.ts !== 'string') throw new Error('Slack accepted the message but returned no ts');
    return result.ts;
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.slack.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  }

  /**
   * Looks for alert messages posted since `sinceMs` (an earlier attempt that may have posted) and returns
   * where each of `alertKeys` was found (grouped: the message carries several alerts). Rejects when the
   * history cannot be read (e.g. missing scope).
   */
  async findPosted(
    channel: string,
    alertKeys: readonly string[],
    sinceMs: number,
  ): Promise<Map<string, { ts: string; grouped: boolean }>> {
    const wanted = new Set(alertKeys);
    const found = new Map<string, { ts: string; grouped: boolean }>();
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_MAX_PAGES && found.size < wanted.size; page++) {
      const result = await this.slack.conversations.history({
        channel,
        oldest: (Math.floor(sinceMs / 1000) - 1).toString(),
        limit: HISTORY_PAGE_SIZE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of result.messages ?? []) {
        if (typeof message.ts !== 'string') continue;
        const carried = keysOfMessage(message);
        const grouped = carried.length > 1;
        for (const key of carried)
          if (wanted.has(key) && !found.has(key)) found.set(key, { ts: message.ts, grouped });
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor || !result.has_more) break;
    }
    return found;
  }

  /** Takes the channel's next send slot: 0 when granted, else how many ms until it frees up. */
  async reserveSlot(channel: string): Promise<number> {
    const key = this.keys.pace(channel);
    if ((await this.redis.set(key, '1', 'PX', CHANNEL_PACE_MS, 'NX')) === 'OK') return 0;
    const ttl = await this.redis.pttl(key);
    return ttl > 0 ? ttl : 1;
  }

  /** Holds every post to the channel back, e.g. for the Retry-After of a 429. */
  async holdChannel(channel: string, ms: number): Promise<void> {
    const key = this.keys.pace(channel);
    const current = await this.redis.pttl(key);
    if (current < ms) await this.redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  /** True the first time this (channel, error) is seen within a day, so operators get one log line, not a flood. */
  async firstSighting(channel: string, error: string): Promise<boolean> {
    const key = this.keys.slackErrorLogged(channel, error);
    return (await this.redis.set(key, '1', 'EX', SLACK_ERROR_LOG_TTL_SECONDS, 'NX')) === 'OK';
  }
}

function keysOfMessage(message: { metadata?: unknown }): string[] {
  const metadata = message.metadata;
  if (typeof metadata !== 'object' || metadata === null) return [];
  const { event_type: eventType, event_payload: payload } = metadata as Record<string, unknown>;
  if (eventType !== ALERT_EVENT_TYPE || typeof payload !== 'object' || payload === null) return [];
  const { key, keys } = payload as Record<string, unknown>;
  const all = new Set(typeof keys === 'string' ? keys.split(' ') : []);
  if (typeof key === 'string') all.add(key);
  all.delete('');
  return [...all];
}
