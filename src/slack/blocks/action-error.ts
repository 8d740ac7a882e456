/**
 * The failing action's error text as Block Kit: summary and detail of each diagnostic in a code block, an
 * "Open logs" link to the run, or the one sentence saying why there is no text. Everything from a log is
 * escaped so that Slack shows it literally: no mrkdwn, no links, no mentions, no broadcasts.
 */

import type { KnownBlock } from '@slack/types';
import type { ActionErrorResult, LogDiagnostic } from '../../run-errors/types.js';
import { isUnavailable } from '../../run-errors/types.js';
import type { ButtonMaker } from './buttons.js';
import { ELLIPSIS, finalizeMessage, LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn } from './mrkdwn.js';
import { actionsBlock, contextBlock, sectionBlock } from './primitives.js';

/** Diagnostics shown in one reply; the rest are counted. */
export const MAX_SHOWN_DIAGNOSTICS = 5;
const MAX_SUMMARY_CHARS = 300;
const FENCE = '```';

export interface ActionErrorSubject {
  actionAddress: string;
  runId: string;
}

export function actionErrorBlocks(
  result: ActionErrorResult,
  subject: ActionErrorSubject,
  buttons: Pick<ButtonMaker, 'link'>,
): KnownBlock[] {
  if (isUnavailable(result))
    return [sectionBlock(`:grey_question: ${escapeMrkdwn(inertText(result.unavailable))}`)];
  const shown = result.diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS);
  const blocks: KnownBlock[] = [sectionBlock(heading(result, subject)), ...shown.map(diagnosticSection)];
  const left = result.diagnostics.length - shown.length;
  if (left > 0) blocks.push(contextBlock([`${left} more in the log.`]));
  const open = actionsBlock([buttons.link('Open logs', result.logUrlForHumans)]);
  if (open) blocks.push(open);
  return blocks;
}

/** A thread reply of its own. */
export function renderActionError(
  result: ActionErrorResult,
  subject: ActionErrorSubject,
  buttons: Pick<ButtonMaker, 'link'>,
): SlackMessage {
  const text = isUnavailable(result)
    ? escapeMrkdwn(inertText(result.unavailable))
    : `Error text for ${escapeMrkdwn(inertText(subject.actionAddress))} from run ${escapeMrkdwn(subject.runId)}`;
  return finalizeMessage({ text, blocks: actionErrorBlocks(result, subject, buttons) });
}

function heading(
  result: Exclude<ActionErrorResult, { unavailable: string }>,
  subject: ActionErrorSubject,
): string {
  const action = code(inertText(subject.actionAddress));
  const run = code(subject.runId);
  if (result.source === 'action')
    return `:rotating_light: *Why ${action} failed* (${result.stage} log of ${run})`;
  return `:information_source: No log message names ${action}. *The run's own errors* (${result.stage} log of ${run}):`;
}

function diagnosticSection(diagnostic: LogDiagnostic): KnownBlock {
  const word = diagnostic.severity === 'error' ? 'Error' : 'Warning';
  const where = [diagnostic.address, diagnostic.location].filter((part) => part !== null).join(', ');
  const summary = escapeMrkdwn(inertText(truncate(diagnostic.summary, MAX_SUMMARY_CHARS)));
  const whereText = where === '' ? '' : ` ${code(inertText(truncate(where, MAX_SUMMARY_CHARS)))}`;
  const headline = `*${word}:* ${summary}${whereText}`;
  const detail = codeBlock(diagnostic.detail, LIMITS.sectionText - headline.length - 1);
  const lines = detail === '' ? [headline] : [headline, detail];
  return sectionBlock(lines.join('\n'));
}

/**
 * A code block whose content cannot end it early (backticks become a look-alike) nor form entities, links or
 * mentions (`& < >` escaped). Shortened character by character after escaping, so no entity is cut in half.
 */
export function codeBlock(text: string, max: number): string {
  const inert = inertText(text.trim());
  if (inert === '') return '';
  const room = max - FENCE.length * 2;
  const whole = escapeInCode(inert);
  if (whole.length <= room) return `${FENCE}${whole}${FENCE}`;
  let inner = '';
  for (const char of inert) {
    const piece = escapeInCode(char);
    if (inner.length + piece.length > room - ELLIPSIS.length) break;
    inner += piece;
  }
  return `${FENCE}${inner.trimEnd()}${ELLIPSIS}${FENCE}`;
}

function escapeInCode(text: string): string {
  return escapeMrkdwn(text).replace(/`/g, 'ˋ');
}

/**
 * Broadcast words written out (`@here`, `@channel`, `@everyone`) get a word joiner after the `@`, so no
 * client that ignores `verbatim` turns them into a notification.
 */
function inertText(text: string): string {
  return text.replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}
