import type {
  AggregateInvocationStatus,
  InvocationFinalStatus,
  ResourceGroupStatus,
} from '../../hcp/types.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Every status tfactions shows: run summaries, invocations, resource groups. */
export type AppStatus = AggregateInvocationStatus | InvocationFinalStatus | ResourceGroupStatus;

export interface StatusStyle {
  /** Slack shortcode, for mrkdwn. */
  emoji: string;
  /** The same emoji as a character, for plain text (headers, notifications). */
  glyph: string;
  label: string;
}

/** The one status vocabulary of the app. */
export const STATUS_STYLES: Readonly<Record<AppStatus, StatusStyle>> = Object.freeze({
  successful: { emoji: ':white_check_mark:', glyph: '✅', label: 'Successful' },
  not_successful: { emoji: ':x:', glyph: '❌', label: 'Not successful' },
  failed: { emoji: ':x:', glyph: '❌', label: 'Failed' },
  not_invoked: { emoji: ':white_circle:', glyph: '⚪', label: 'Not invoked' },
  run_in_progress: { emoji: ':hourglass_flowing_sand:', glyph: '⏳', label: 'Run in progress' },
});

const UNREPORTED_STYLE: StatusStyle = Object.freeze({
  emoji: ':grey_question:',
  glyph: '❔',
  label: 'Unknown',
});

/** A status the API added after this table was written still shows, as its raw name; a missing one as Unknown. */
export function statusStyle(status: string | null): StatusStyle {
  if (status === null) return UNREPORTED_STYLE;
  if (Object.hasOwn(STATUS_STYLES, status)) return STATUS_STYLES[status as AppStatus];
  return { emoji: ':grey_question:', glyph: '❔', label: status };
}

/** `:x: *Not successful*` */
export function statusBadge(status: string | null): string {
  const style = statusStyle(status);
  return `${style.emoji} *${escapeMrkdwn(style.label)}*`;
}
