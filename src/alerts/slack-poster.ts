import type { Block, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AlertMessage } from './presenter.js';

/** Slack message metadata type of every alert: lets a retry find a post whose outcome it never learned. */
export const ALERT_EVENT_TYPE = 'tfactions_alert';
const HISTORY_PAGE_SIZE = 50;
const HISTORY_MAX_PAGES = 4;

export interface PostOptions {
  threadTs?: string;
  /** Alert keys this message carries (`<channel>:<action>:<run>`). */
  alertKeys?: readonly string[];
}

/** Posts, updates and threads through one WebClient (the process's token); pacing is channel-pacing.ts's. */
export class SlackPoster {
  constructor(private readonly slack: WebClient) {}

  /** Returns the new message's ts. Rejects with the WebClient's error (see slack-errors.ts). */
  async post(channel: string, message: AlertMessage, options: PostOptions = {}): Promise<string> {
    const alertKeys = options.alertKeys ?? [];
    const result = await this.slack.chat.postMessage({
      channel,
      text: message.text,
      blocks: slackBlocks(message),
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

  async update(channel: string, ts: string, message: AlertMessage): Promise<void> {
    await this.slack.chat.update({ channel, ts, text: message.text, blocks: slackBlocks(message) });
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
}

/** The presenter (src/slack) built these blocks for Slack; the pipeline only passes them through. */
function slackBlocks(message: AlertMessage): (KnownBlock | Block)[] {
  return message.blocks as (KnownBlock | Block)[];
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
