import { renderNotice } from '../../blocks/errors.js';
import { describeWorkspaceRef } from '../../workspace-resolver.js';
import { parseWorkspace } from '../arguments.js';
import { word } from '../input.js';
import type { ManageModule } from '../module.js';
import { spec } from '../spec.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES } from '../usage-notes.js';
import { workspaceText } from '../words.js';

export type UnsubscribeRequest = { command: 'unsubscribe'; workspace: WorkspaceRef };

export const unsubscribeCommand: ManageModule<UnsubscribeRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(['workspace']),
  usage: {
    syntax: 'unsubscribe WORKSPACE',
    summary: "Stop this channel's alerts for a workspace.",
    notes: [NOTES.workspace],
    example: `unsubscribe ${EXAMPLE.workspaceName}`,
  },
  parse: (input) => ({ command: 'unsubscribe', workspace: parseWorkspace(word(input, 0)) }),
  words: (request) => ['unsubscribe', workspaceText(request.workspace)],
  execute: async (request, { deps, workspaces, caller }) => {
    const workspaceId =
      request.workspace.kind === 'id'
        ? request.workspace.id
        : await workspaces
            .resolve(request.workspace)
            .then((workspace) => workspace.id)
            .catch(() => undefined);
    const removed = workspaceId ? await deps.alerts.unsubscribe(caller.channelId, workspaceId) : false;
    return renderNotice(
      removed
        ? `:no_bell: This channel no longer gets alerts for ${describeWorkspaceRef(request.workspace)}.`
        : `This channel has no subscription to ${describeWorkspaceRef(request.workspace)}; \`/tfactions subscriptions\` lists them.`,
    );
  },
};
