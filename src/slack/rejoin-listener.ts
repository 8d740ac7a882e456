import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';

/**
 * `member_joined_channel` for the bot itself (its user ID comes from auth.test, via Bolt's context), or a
 * channel unarchived: posts parked while the bot could not post in that channel go out now, once. If the bot
 * still cannot post there, they are parked again.
 */
export function registerRejoinListener(app: App, deps: Pick<SlackDeps, 'alerts' | 'logger'>): void {
  const release = async (channelId: string) => {
    try {
      await deps.alerts.releaseParked(channelId);
    } catch (error) {
      deps.logger.error(
        { err: error, channel: channelId },
        'the channel is reachable again but its parked alerts could not be released; the next join retries',
      );
    }
  };
  app.event('member_joined_channel', async ({ event, context }) => {
    if (context.botUserId && event.user === context.botUserId) await release(event.channel);
  });
  app.event('channel_unarchive', async ({ event }) => release(event.channel));
  app.event('group_unarchive', async ({ event }) => release(event.channel));
}
