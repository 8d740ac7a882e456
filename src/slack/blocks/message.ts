import type { KnownBlock } from '@slack/types';

/** One Slack message: `text` is what a notification reads, `blocks` what the channel shows. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
