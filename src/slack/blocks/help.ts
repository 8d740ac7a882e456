import type { KnownBlock } from '@slack/types';
import { finalizeMessage } from './limits.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwnOnce } from './mrkdwn.js';
import { headerBlock, packLines, sectionBlock } from './primitives.js';

/** Usage and help texts are ours but may quote the user's input: `<` `>` never become markup. */
function textSections(text: string): KnownBlock[] {
  return packLines(escapeMrkdwnOnce(text).split('\n')).map((group) => sectionBlock(group.join('\n')));
}

/** `help`: the help text as given (mrkdwn-safe plain text with backticks), split to fit. */
export function renderHelp(helpText: string): SlackMessage {
  return finalizeMessage({
    text: 'How to use /tfactions',
    blocks: [headerBlock('How to use /tfactions'), ...textSections(helpText)],
  });
}

/** Bad input: what was wrong, then the right usage. */
export function renderUsageError(message: string, usage: string): SlackMessage {
  const problem = escapeMrkdwnOnce(message);
  return finalizeMessage({
    text: `tfactions: ${problem}`,
    blocks: [sectionBlock(`:warning: ${problem}`), ...textSections(`*Usage*\n${usage}`)],
  });
}
