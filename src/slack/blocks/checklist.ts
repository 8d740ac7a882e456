import type { KnownBlock } from '@slack/types';
import { finalizeMessage, LIMITS } from './limits.js';
import type { SlackMessage } from './message.js';
import { disarmBroadcasts, escapeMrkdwnOnce } from './mrkdwn.js';
import { plural } from './phrases.js';
import { contextBlock, headerBlock, sectionBlock } from './primitives.js';
import { STATUS_STYLES } from './status.js';

export interface ChecklistItem {
  ok: boolean;
  /** Plain words. */
  title: string;
  /** mrkdwn written by tfactions. */
  detail: string;
}

/** A list of checks (the doctor's report), in the order given, with a one-line summary. */
export function renderChecklist(title: string, items: ChecklistItem[]): SlackMessage {
  const room = LIMITS.blocks - 2;
  const shown = items.slice(0, room);
  const failed = items.filter((item) => !item.ok).length;
  const blocks: KnownBlock[] = [headerBlock(title)];
  for (const item of shown) {
    const mark = item.ok ? STATUS_STYLES.successful.emoji : STATUS_STYLES.failed.emoji;
    blocks.push(sectionBlock(`${mark} *${escapeMrkdwnOnce(item.title)}*\n${disarmBroadcasts(item.detail)}`));
  }
  const summary =
    failed === 0
      ? `All ${plural(items.length, 'check', 'checks')} passed`
      : `${plural(failed, 'check', 'checks')} failed`;
  const notes = [summary];
  if (shown.length < items.length) notes.push(`:warning: Showing ${shown.length} of ${items.length} checks.`);
  blocks.push(contextBlock(notes));
  return finalizeMessage({ text: `${disarmBroadcasts(title)}: ${summary.toLowerCase()}`, blocks });
}
