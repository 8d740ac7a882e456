import type { KnownBlock } from '@slack/types';
import { finalizeMessage, LIMITS } from './limits.js';
import type { SlackMessage } from './message.js';
import { disarmBroadcasts, escapeMrkdwnOnce } from './mrkdwn.js';
import { packLines, sectionBlock } from './primitives.js';

/**
 * `detail` and `text` are mrkdwn written by tfactions (links and `<@user>` mentions keep working); untrusted
 * parts must be escaped by the caller. Broadcasts are disarmed here whatever the caller did.
 */
function mrkdwnSections(text: string, max: number = LIMITS.sectionText): KnownBlock[] {
  return packLines(disarmBroadcasts(text).split('\n'), max).map((group) => sectionBlock(group.join('\n')));
}

/** A failure in plain words: a bold title and what to do about it. */
export function renderError(title: string, detail: string): SlackMessage {
  const heading = `:x: *${escapeMrkdwnOnce(title)}*`;
  return finalizeMessage({
    text: `${escapeMrkdwnOnce(title)}: ${disarmBroadcasts(detail)}`,
    blocks: mrkdwnSections(`${heading}\n${detail}`),
  });
}

/** A confirmation or short answer (subscribed, muted, ...). */
export function renderNotice(text: string): SlackMessage {
  return finalizeMessage({ text: disarmBroadcasts(text), blocks: mrkdwnSections(text) });
}
