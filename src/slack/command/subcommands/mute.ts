import { renderNotice } from '../../blocks/errors.js';
import { slackDate } from '../../blocks/mrkdwn.js';
import { formatDurationSeconds } from '../../durations.js';
import { parseActionId } from '../arguments.js';
import { parseMuteDuration } from '../filters.js';
import { word } from '../input.js';
import type { ManageModule } from '../module.js';
import { spec } from '../spec.js';
import { EXAMPLE } from '../usage-notes.js';
import { filter } from '../words.js';

/** durationSeconds defaults to 24h */
export type MuteRequest = { command: 'mute'; actionId: string; durationSeconds: number };

export const muteCommand: ManageModule<MuteRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(['action-id'], ['for']),
  usage: {
    syntax: 'mute ACTION_ID [for:DURATION]',
    summary: "Silence one action's alerts in this channel for a while.",
    notes: ['`for:` a duration from `1m` to `90d`, like `30m`, `2h`, `7d`; 24h when left out.'],
    example: `mute ${EXAMPLE.action} for:2h`,
  },
  parse: (input) => ({
    command: 'mute',
    actionId: parseActionId(word(input, 0)),
    durationSeconds: parseMuteDuration(input.filters.get('for')),
  }),
  words: (request) => [
    'mute',
    request.actionId,
    ...filter('for', formatDurationSeconds(request.durationSeconds)),
  ],
  execute: async (request, { deps, caller }) => {
    const { until } = await deps.alerts.mute(
      caller.channelId,
      request.actionId,
      request.durationSeconds,
      caller.userId,
    );
    return renderNotice(
      `:mute: Alerts of \`${request.actionId}\` are muted in this channel until ${slackDate(until)}.`,
    );
  },
};
