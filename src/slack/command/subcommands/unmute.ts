import { renderNotice } from '../../blocks/errors.js';
import { parseActionId } from '../arguments.js';
import { word } from '../input.js';
import type { ManageModule } from '../module.js';
import { spec } from '../spec.js';
import { EXAMPLE } from '../usage-notes.js';

export type UnmuteRequest = { command: 'unmute'; actionId: string };

export const unmuteCommand: ManageModule<UnmuteRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(['action-id']),
  usage: {
    syntax: 'unmute ACTION_ID',
    summary: 'Alert again on an action muted in this channel.',
    notes: [],
    example: `unmute ${EXAMPLE.action}`,
  },
  parse: (input) => ({ command: 'unmute', actionId: parseActionId(word(input, 0)) }),
  words: (request) => ['unmute', request.actionId],
  execute: async (request, { deps, caller }) => {
    const removed = await deps.alerts.unmute(caller.channelId, request.actionId);
    return renderNotice(
      removed
        ? `:loud_sound: Alerts of \`${request.actionId}\` are back on in this channel.`
        : `\`${request.actionId}\` was not muted in this channel.`,
    );
  },
};
