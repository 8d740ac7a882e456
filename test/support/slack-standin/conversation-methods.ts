import { asBoolean, asString, type JsonRecord } from './json.js';
import type { PostedMessage } from './types.js';
import {
  failure,
  isChannelId,
  isUserId,
  type MethodResult,
  slackMessageJson,
  type WebApiContext,
  type WebApiMethod,
} from './web-api-context.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

export const conversationsInfo: WebApiMethod = (args, context) => {
  const channel = args.channel;
  if (!isChannelId(channel)) return failure('channel_not_found');
  const name = context.channelName(channel);
  const isMpim = channel.startsWith('G') && name.startsWith('mpdm-');
  // Slack hides a private channel from a bot that is not in it.
  if (channel.startsWith('G') && !isMpim && !context.isMember(channel)) return failure('channel_not_found');
  return {
    ok: true,
    channel: {
      id: channel,
      name,
      is_channel: channel.startsWith('C'),
      is_group: channel.startsWith('G') && !isMpim,
      is_im: channel.startsWith('D'),
      is_mpim: isMpim,
      is_private: !channel.startsWith('C'),
      is_archived: context.isArchived(channel),
      is_member: context.isMember(channel),
      created: 1_700_000_000,
    },
  };
};

export const conversationsHistory: WebApiMethod = (args, context) => {
  const channel = args.channel;
  if (!isChannelId(channel)) return failure('channel_not_found');
  if (!context.isMember(channel)) return failure('not_in_channel');
  const inWindow = timeWindow(args);
  const messages = context.store.history(channel).filter((message) => inWindow(message.ts));
  return page(messages, args, context, 'messages');
};

export const conversationsReplies: WebApiMethod = (args, context) => {
  const channel = args.channel;
  if (!isChannelId(channel)) return failure('channel_not_found');
  if (!context.isMember(channel)) return failure('not_in_channel');
  const ts = asString(args.ts);
  const thread = ts === undefined ? undefined : context.store.thread(channel, ts);
  if (!thread) return failure('thread_not_found');
  const inWindow = timeWindow(args);
  return page(
    thread.filter((message, index) => index === 0 || inWindow(message.ts)),
    args,
    context,
    'messages',
  );
};

export const usersInfo: WebApiMethod = (args, context) => {
  const user = args.user;
  if (!isUserId(user)) return failure('user_not_found');
  const isBot = user === context.identity.botUserId;
  const name = isBot ? context.identity.botName : `user-${user.toLowerCase()}`;
  return {
    ok: true,
    user: {
      id: user,
      team_id: context.identity.teamId,
      name,
      real_name: name,
      deleted: false,
      is_bot: isBot,
      is_admin: false,
      tz: 'UTC',
      tz_offset: 0,
      profile: { display_name: name, real_name: name },
    },
  };
};

export const authTest: WebApiMethod = (_args, context) => ({
  ok: true,
  url: `https://${context.identity.teamDomain}.slack.com/`,
  team: 'Stand-in workspace',
  user: context.identity.botName,
  team_id: context.identity.teamId,
  user_id: context.identity.botUserId,
  bot_id: context.identity.botId,
  is_enterprise_install: false,
});

/** `oldest`/`latest` bounds (exclusive unless `inclusive`), as Slack applies them. */
function timeWindow(args: JsonRecord): (ts: string) => boolean {
  const oldest = Number(asString(args.oldest) ?? Number.NEGATIVE_INFINITY);
  const latest = Number(asString(args.latest) ?? Number.POSITIVE_INFINITY);
  const inclusive = asBoolean(args.inclusive);
  return (ts) => {
    const value = Number(ts);
    return inclusive ? value >= oldest && value <= latest : value > oldest && value < latest;
  };
}

function page(
  messages: PostedMessage[],
  args: JsonRecord,
  context: WebApiContext,
  key: string,
): MethodResult {
  const requested = Number(args.limit ?? DEFAULT_PAGE);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_PAGE) : DEFAULT_PAGE;
  const offset = decodeCursor(asString(args.cursor));
  const slice = messages.slice(offset, offset + limit);
  const hasMore = offset + limit < messages.length;
  return {
    ok: true,
    [key]: slice.map((message) => slackMessageJson(message, context)),
    has_more: hasMore,
    response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : 0;
}
