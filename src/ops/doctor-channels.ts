import type { WebClient } from '@slack/web-api';
import { type ChannelProblem, slackChannelReachability } from '../slack/channel-check.js';
import { type DoctorCheck, type DoctorDeps, slackError, withTimeout } from './doctor-check.js';

const CHANNEL_FIXES: Record<ChannelProblem, { detail: string; fix: string }> = {
  direct_message: {
    detail: 'a direct message: alerts go to channels',
    fix: 'Unsubscribe it and subscribe in a channel the bot is a member of.',
  },
  group_direct_message: {
    detail: 'a group direct message: alerts go to channels',
    fix: 'Unsubscribe it and subscribe in a channel the bot is a member of.',
  },
  archived: {
    detail: 'the channel is archived, so alerts cannot be posted there (they are kept meanwhile)',
    fix: 'Unarchive it and `/invite @tfactions`, or unsubscribe it.',
  },
  not_member: {
    detail:
      'the bot is not a member, so alerts cannot be posted there (they are kept meanwhile) and its history cannot be read',
    fix: 'Invite it: `/invite @tfactions` in that channel.',
  },
  not_visible: {
    detail: 'the bot cannot see the channel (private and the bot is not in it, or deleted)',
    fix: 'Invite the bot to the channel (`/invite @tfactions`), or unsubscribe it if it was deleted.',
  },
  missing_scope: {
    detail: 'the Slack app lacks the scope to look the channel up',
    fix: 'Reinstall the app from manifest.yml (channels:read, groups:read, im:read, mpim:read).',
  },
  slack_error: {
    detail: 'Slack did not answer the look-up',
    fix: 'Run the doctor again; if it persists, check the Slack status page.',
  },
};

/**
 * Each subscribed channel as subscribe sees it (channel-check.ts), then the history read that delivery uses
 * to avoid posting an alert twice after a crash: both need the bot inside the channel.
 */
export async function membershipChecks(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const channels = await deps.channels();
  if (channels.length === 0)
    return [{ name: 'Channels', ok: true, detail: 'no subscribed channel to check' }];
  const reachable = slackChannelReachability(deps.slack);
  return Promise.all(
    channels.map(async (channel): Promise<DoctorCheck> => {
      const name = `Channel <#${channel}>`;
      try {
        const result = await withTimeout(reachable(channel), 'conversations.info');
        if (!result.ok) {
          const words = CHANNEL_FIXES[result.problem];
          const said = result.slackError ? ` (Slack: ${result.slackError})` : '';
          return { name, ok: false, detail: `${words.detail}${said}`, fix: words.fix };
        }
        return await historyCheck(deps.slack, channel, name);
      } catch (error) {
        return {
          name,
          ok: false,
          detail: `Slack said ${slackError(error)}`,
          fix: CHANNEL_FIXES.slack_error.fix,
        };
      }
    }),
  );
}

async function historyCheck(slack: WebClient, channel: string, name: string): Promise<DoctorCheck> {
  try {
    await withTimeout(slack.conversations.history({ channel, limit: 1 }), 'conversations.history');
    return { name, ok: true, detail: 'the bot is a member and can read the history' };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: `the bot is a member but cannot read the history (Slack: ${slackError(error)}): after a crash an alert may be posted twice`,
      fix: 'Reinstall the app from manifest.yml (channels:history, groups:history).',
    };
  }
}
