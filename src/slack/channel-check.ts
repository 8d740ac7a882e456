import type { WebClient } from '@slack/web-api';
import { classifySlackError } from '../alerts/slack-errors.js';
import { renderError } from './blocks/errors.js';
import type { SlackMessage } from './blocks/message.js';
import { code } from './blocks/mrkdwn.js';

export type ChannelProblem =
  | 'direct_message'
  | 'group_direct_message'
  | 'archived'
  | 'not_member'
  | 'not_visible'
  | 'missing_scope'
  | 'slack_error';

export type ChannelCheck = { ok: true } | { ok: false; problem: ChannelProblem; slackError?: string };

/** Whether the bot can post alerts in a conversation; `subscribe` asks before storing anything. */
export type ChannelReachability = (channelId: string) => Promise<ChannelCheck>;

/**
 * Alerts need membership, not only a post permission: the history look-up that keeps posts exactly once
 * (conversations.history) only reads channels the bot is in.
 */
export function slackChannelReachability(client: WebClient): ChannelReachability {
  return async (channelId) => {
    if (channelId.startsWith('D')) return { ok: false, problem: 'direct_message' };
    let channel: Awaited<ReturnType<WebClient['conversations']['info']>>['channel'];
    try {
      channel = (await client.conversations.info({ channel: channelId })).channel;
    } catch (error) {
      const slackError = classifySlackError(error).code;
      if (slackError === 'channel_not_found') return { ok: false, problem: 'not_visible', slackError };
      if (slackError === 'missing_scope') return { ok: false, problem: 'missing_scope', slackError };
      return { ok: false, problem: 'slack_error', slackError };
    }
    if (channel?.is_im) return { ok: false, problem: 'direct_message' };
    if (channel?.is_mpim) return { ok: false, problem: 'group_direct_message' };
    if (channel?.is_archived) return { ok: false, problem: 'archived' };
    if (channel?.is_member !== true) return { ok: false, problem: 'not_member' };
    return { ok: true };
  };
}

const INVITE = 'Invite the bot first: `/invite @tfactions` in this channel, then subscribe again.';

/** The refusal `subscribe` answers when the channel cannot receive alerts; null when it can. */
export async function refuseUnreachableChannel(
  check: ChannelReachability,
  channelId: string,
): Promise<SlackMessage | null> {
  const result = await check(channelId);
  if (result.ok) return null;
  const title = 'Alerts cannot be posted here: nothing was subscribed';
  switch (result.problem) {
    case 'direct_message':
    case 'group_direct_message':
      return renderError(
        title,
        `This is a ${result.problem === 'direct_message' ? 'direct message' : 'group direct message'}; alerts go to channels. Subscribe in a channel and \`/invite @tfactions\` there.`,
      );
    case 'archived':
      return renderError(title, 'This channel is archived. Unarchive it, or subscribe in another channel.');
    case 'not_member':
      return renderError(title, `The bot is not a member of this channel. ${INVITE}`);
    case 'not_visible':
      return renderError(
        title,
        `The bot cannot see this channel (a private channel it is not a member of). ${INVITE}`,
      );
    case 'missing_scope':
      return renderError(
        title,
        'The Slack app lacks the scope to look this channel up (`channels:read`, `groups:read`, `im:read`, `mpim:read`). Ask the operator to reinstall it from manifest.yml.',
      );
    case 'slack_error':
      return renderError(
        'Could not check this channel: nothing was subscribed',
        `Slack answered ${code(result.slackError ?? 'an error')} when tfactions checked that it can post here. Try again in a moment.`,
      );
  }
}
