import type { KnownBlock } from '@slack/types';
import { finalizeMessage, LIMITS } from './limits.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn, slackDate, userMention } from './mrkdwn.js';
import { plural } from './phrases.js';
import { contextBlock, headerBlock, packLines, sectionBlock } from './primitives.js';

export interface SubscriptionView {
  workspaceLabel: string;
  /** Empty for an organization scope. */
  workspaceId: string;
  /** An organization scope: how many workspaces it covers now, and how it is watched. */
  coverageText?: string;
  /** The filters as typed (`provider:aws method:lifecycle`), empty for none. */
  filtersText: string;
  /** Slack user ID of who subscribed. */
  createdBy: string;
  createdAt: string;
  /** Poll and channel health, as mrkdwn lines (subscription-health.ts). */
  healthText?: string;
}

export interface MuteView {
  actionId: string;
  until: string;
}

function subscriptionText(sub: SubscriptionView): string {
  return [
    `:bell: *${escapeMrkdwn(sub.workspaceLabel)}*${sub.workspaceId === '' ? '' : ` ${code(sub.workspaceId)}`}`,
    ...(sub.coverageText ? [sub.coverageText] : []),
    sub.filtersText.trim() === '' ? 'Every action' : `Filters: ${code(sub.filtersText)}`,
    `Added by ${userMention(sub.createdBy)} ${slackDate(sub.createdAt)}`,
    ...(sub.healthText ? [sub.healthText] : []),
  ].join('\n');
}

/** `subscriptions`: what this channel is alerted about, and what is muted. */
export function renderSubscriptions(subs: SubscriptionView[], mutes: MuteView[]): SlackMessage {
  const head: KnownBlock[] = [headerBlock('Alerts in this channel')];
  const muteGroups = packLines(
    mutes.map((mute) => `:mute: ${code(mute.actionId)} until ${slackDate(mute.until)}`),
  );
  const muteBlocks: KnownBlock[] = muteGroups.map((group, index) =>
    sectionBlock(index === 0 ? `*Muted actions*\n${group.join('\n')}` : group.join('\n')),
  );
  // Subscriptions come first; mutes take what is left, and the footer says what was left out.
  const footerRoom = 1;
  const room = LIMITS.blocks - head.length - footerRoom;
  const shownSubs = subs.slice(0, Math.max(0, room - Math.min(muteBlocks.length, 1)));
  const subBlocks: KnownBlock[] =
    subs.length === 0
      ? [
          sectionBlock(
            'This channel has no subscriptions. Add one with `/tfactions subscribe org/workspace`.',
          ),
        ]
      : shownSubs.map((sub) => sectionBlock(subscriptionText(sub)));
  const shownMuteBlocks = muteBlocks.slice(0, Math.max(0, room - subBlocks.length));
  const shownMutes =
    shownMuteBlocks.length === 0 ? 0 : muteGroups.slice(0, shownMuteBlocks.length).flat().length;

  const notes = [
    `${plural(subs.length, 'subscription', 'subscriptions')} · ${plural(mutes.length, 'muted action', 'muted actions')}`,
  ];
  if (shownSubs.length < subs.length)
    notes.push(`:warning: Showing ${shownSubs.length} of ${subs.length} subscriptions.`);
  if (shownMutes < mutes.length)
    notes.push(`:warning: Showing ${shownMutes} of ${mutes.length} muted actions.`);
  notes.push(
    'Stop one with `/tfactions unsubscribe org/workspace`, unmute with `/tfactions unmute action-…`.',
  );

  const text =
    subs.length === 0
      ? 'This channel has no tfactions subscriptions'
      : `This channel is subscribed to ${subs
          .slice(0, 5)
          .map((sub) => escapeMrkdwn(sub.workspaceLabel))
          .join(', ')}${subs.length > 5 ? ` and ${subs.length - 5} more` : ''}`;
  return finalizeMessage({ text, blocks: [...head, ...subBlocks, ...shownMuteBlocks, contextBlock(notes)] });
}
