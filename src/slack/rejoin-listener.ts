import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';

/**
 * `member_joined_channel` for the bot itself (its user ID comes from auth.test, via Bolt's context): posts
 * parked while the bot could not post in that channel go out now, once.
 */
export function registerRejoinListener(app: App, deps: Pick<SlackDeps, 'alerts' | 'logger'>): void {
  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    try {
      await deps.alerts.releaseParked(event.channel);
    } catch (error) {
      deps.logger.error(
        { err: error, channel: event.channel },
        'the bot joined a channel but its parked alerts could not be released; the next join retries',
      );
    }
  });
}
