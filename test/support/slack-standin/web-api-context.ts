import type { JsonRecord } from './json.js';
import type { MessageStore } from './message-store.js';
import type { EphemeralMessage, PostedMessage } from './types.js';

export interface StandinIdentity {
  botToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
  teamDomain: string;
}

export type MessageEvent =
  | { kind: 'posted' | 'updated' | 'deleted'; message: PostedMessage }
  | { kind: 'ephemeral'; message: EphemeralMessage };

/** What the Web API methods share: who the bot is, the channels, and whom to tell about changes. */
export interface WebApiContext {
  identity: StandinIdentity;
  store: MessageStore;
  baseUrl: string;
  isMember(channelId: string): boolean;
  isArchived(channelId: string): boolean;
  channelName(channelId: string): string;
  onMessageEvent(event: MessageEvent): void;
}

export type MethodResult = JsonRecord & { ok: boolean; error?: string };
export type WebApiMethod = (args: JsonRecord, context: WebApiContext) => MethodResult;

export function failure(error: string, messages?: string[]): MethodResult {
  return messages && messages.length > 0
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UWB][A-Z0-9]{2,}$/;

export function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL_ID.test(value);
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID.test(value);
}

/** A message as Slack's Web API returns it (chat.postMessage, conversations.history, ...). */
export function slackMessageJson(message: PostedMessage, context: WebApiContext): JsonRecord {
  const { identity } = context;
  const json: JsonRecord = {
    type: 'message',
    user: identity.botUserId,
    bot_id: identity.botId,
    app_id: identity.appId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    team: identity.teamId,
    bot_profile: {
      id: identity.botId,
      app_id: identity.appId,
      name: identity.botName,
      team_id: identity.teamId,
    },
  };
  if (message.threadTs !== undefined) {
    json.thread_ts = message.threadTs;
    json.parent_user_id = identity.botUserId;
    if (message.replyBroadcast) json.subtype = 'thread_broadcast';
  }
  const replies = context.store.replies(message.channel, message.ts);
  if (message.threadTs === undefined && replies.length > 0) {
    json.thread_ts = message.ts;
    json.reply_count = replies.length;
    json.reply_users = [identity.botUserId];
    json.latest_reply = replies[replies.length - 1]?.ts;
  }
  if (message.edited) json.edited = { user: identity.botUserId, ts: message.ts };
  if (message.metadata) json.metadata = message.metadata;
  return json;
}
