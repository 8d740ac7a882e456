import { finalizeMessage } from './limits.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwnOnce, slackDate } from './mrkdwn.js';
import { plural } from './phrases.js';
import { contextBlock, headerBlock, sectionBlock } from './primitives.js';

/** "Alerts for org/ws are not working": `why` and `fix` are mrkdwn (health-words.ts). */
export function renderAlertsNotWorking(
  workspaceLabelText: string,
  words: { why: string; fix: string },
  since: string,
): SlackMessage {
  const label = escapeMrkdwnOnce(workspaceLabelText);
  return finalizeMessage({
    text: `:warning: Alerts for ${label} are not working: ${words.why}`,
    blocks: [
      headerBlock(`⚠️ Alerts for ${workspaceLabelText} are not working`),
      sectionBlock(`*Why:* ${words.why}\n*Fix:* ${words.fix}`),
      contextBlock([
        `Failing since ${slackDate(since)}. Nothing is lost meanwhile: once polls work again, tfactions catches up from where it stopped, posts what failed in between, and says so here.`,
      ]),
    ],
  });
}

export interface ResumedFacts {
  since: string | null;
  dropped: number;
  droppedRuns: readonly string[];
  baselineOnly: boolean;
}

/** "Alerts for org/ws work again", with what may have been missed in between. */
export function renderAlertsResumed(workspaceLabelText: string, facts: ResumedFacts): SlackMessage {
  const label = escapeMrkdwnOnce(workspaceLabelText);
  const from = facts.since ? ` (failing since ${slackDate(facts.since)})` : '';
  let missed: string;
  if (facts.baselineOnly)
    missed = `tfactions had not watched ${label} once before the outage${from}, so the watch starts now: failures from before now are not posted.`;
  else if (facts.dropped > 0) {
    const named = facts.droppedRuns.map(code).join(', ');
    const more =
      facts.dropped > facts.droppedRuns.length ? ` and ${facts.dropped - facts.droppedRuns.length} more` : '';
    missed = `tfactions caught up from where it stopped${from}, but ${plural(facts.dropped, 'run', 'runs')} in progress had been waited on too long and ${facts.dropped === 1 ? 'was' : 'were'} dropped${named ? ` (${named}${more})` : ''}: if ${facts.dropped === 1 ? 'it' : 'they'} failed, no alert is posted. \`/tfactions runs\` shows them.`;
  } else
    missed = `Nothing was missed: tfactions caught up from where it stopped${from} and posts every failure of the outage.`;
  return finalizeMessage({
    text: `:white_check_mark: Alerts for ${label} work again. ${missed}`,
    blocks: [headerBlock(`✅ Alerts for ${workspaceLabelText} work again`), sectionBlock(missed)],
  });
}
