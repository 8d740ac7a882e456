import { validateBlocks } from './block-validation.js';
import { asArray, asBoolean, asRecord, asString, type JsonRecord } from './json.js';
import type { MessageChanges } from './message-store.js';
import type { MessageMetadata } from './types.js';
import {
  failure,
  isChannelId,
  isUserId,
  type MethodResult,
  slackMessageJson,
  type WebApiContext,
  type WebApiMethod,
} from './web-api-context.js';

/** Slack truncates longer text; the stand-in refuses it so tests notice. */
const MAX_TEXT = 40_000;

export const chatPostMessage: WebApiMethod = (args, context) => {
  const content = checkContent(args, context, true);
  if ('error' in content) return content.error;
  const { channel, text, blocks, metadata } = content;
  let threadTs = asString(args.thread_ts);
  if (threadTs !== undefined && threadTs !== '') {
    const parent = context.store.find(channel, threadTs);
    if (!parent) return failure('thread_not_found');
    threadTs = parent.threadTs ?? parent.ts;
  } else threadTs = undefined;
  const posted = context.store.post({
    channel,
    text: text ?? '',
    blocks: blocks ?? [],
    replyBroadcast: threadTs !== undefined && asBoolean(args.reply_broadcast),
    ...(threadTs !== undefined ? { threadTs } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  });
  context.onMessageEvent({ kind: 'posted', message: posted });
  return { ok: true, channel, ts: posted.ts, message: slackMessageJson(posted, context) };
};

export const chatUpdate: WebApiMethod = (args, context) => {
  const content = checkContent(args, context, false);
  if ('error' in content) return content.error;
  const { channel, text, blocks, metadata } = content;
  const ts = asString(args.ts);
  if (!ts || !context.store.find(channel, ts)) return failure('message_not_found');
  const changes: MessageChanges = {};
  if (text !== undefined) changes.text = text;
  if (blocks !== undefined) changes.blocks = blocks;
  if (metadata !== undefined) changes.metadata = metadata;
  const updated = context.store.update(channel, ts, changes);
  if (!updated) return failure('message_not_found');
  context.onMessageEvent({ kind: 'updated', message: updated });
  return { ok: true, channel, ts, text: updated.text, message: slackMessageJson(updated, context) };
};

export const chatDelete: WebApiMethod = (args, context) => {
  const channel = asString(args.channel);
  const ts = asString(args.ts);
  if (!isChannelId(channel)) return failure('channel_not_found');
  const message = ts === undefined ? undefined : context.store.find(channel, ts);
  if (!message || ts === undefined) return failure('message_not_found');
  context.store.delete(channel, ts);
  context.onMessageEvent({ kind: 'deleted', message });
  return { ok: true, channel, ts };
};

export const chatPostEphemeral: WebApiMethod = (args, context) => {
  const content = checkContent(args, context, true);
  if ('error' in content) return content.error;
  const user = asString(args.user);
  if (!isUserId(user)) return failure('user_not_in_channel');
  const threadTs = asString(args.thread_ts);
  const message = context.store.addEphemeral({
    channel: content.channel,
    user,
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    ...(threadTs ? { threadTs } : {}),
  });
  context.onMessageEvent({ kind: 'ephemeral', message });
  return { ok: true, message_ts: message.ts };
};

export const chatGetPermalink: WebApiMethod = (args, context) => {
  const channel = asString(args.channel);
  const ts = asString(args.message_ts);
  if (!isChannelId(channel)) return failure('channel_not_found');
  if (!ts || !context.store.find(channel, ts)) return failure('message_not_found');
  return { ok: true, channel, permalink: `${context.baseUrl}/archives/${channel}/p${ts.replace('.', '')}` };
};

interface CheckedContent {
  channel: string;
  text?: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
}

/** The checks chat.postMessage, chat.postEphemeral and chat.update share, in Slack's order. */
function checkContent(
  args: JsonRecord,
  context: WebApiContext,
  requireText: boolean,
): CheckedContent | { error: MethodResult } {
  const channel = args.channel;
  if (!isChannelId(channel)) return { error: failure('channel_not_found') };
  if (context.isArchived(channel)) return { error: failure('is_archived') };
  if (!context.isMember(channel)) return { error: failure('not_in_channel') };
  const checked: CheckedContent = { channel };
  if (args.blocks !== undefined) {
    const problems = validateBlocks(args.blocks);
    if (problems.length > 0) return { error: failure('invalid_blocks', problems) };
    checked.blocks = asArray(args.blocks);
  }
  const text = asString(args.text);
  if (text !== undefined) {
    if (text.length > MAX_TEXT) return { error: failure('msg_too_long') };
    checked.text = text;
  }
  if (args.metadata !== undefined) {
    const metadata = asMetadata(args.metadata);
    if (!metadata) return { error: failure('invalid_metadata_format') };
    checked.metadata = metadata;
  }
  const hasText = (checked.text ?? '') !== '' || (checked.blocks?.length ?? 0) > 0;
  if (requireText && !hasText) return { error: failure('no_text') };
  if (!requireText && !hasText && checked.text === undefined && !checked.metadata)
    return { error: failure('no_text') };
  return checked;
}

function asMetadata(value: unknown): MessageMetadata | undefined {
  const record = asRecord(value);
  const eventType = asString(record?.event_type);
  const payload = asRecord(record?.event_payload);
  return eventType && payload ? { event_type: eventType, event_payload: payload } : undefined;
}
