import { type OrganizationScope, scopeText } from '../../../alerts/scope.js';
import { renderNotice } from '../../blocks/errors.js';
import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import { describeWorkspaceRef } from '../../workspace-resolver.js';
import { word } from '../input.js';
import type { ManageModule } from '../module.js';
import { parseSubscriptionTarget, SCOPE_NOTE, targetWords } from '../scope-target.js';
import { spec } from '../spec.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES } from '../usage-notes.js';

export type UnsubscribeRequest =
  | { command: 'unsubscribe'; workspace: WorkspaceRef }
  | { command: 'unsubscribe'; scope: OrganizationScope };

export const unsubscribeCommand: ManageModule<UnsubscribeRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(['workspace'], ['project', 'tag']),
  usage: {
    syntax: 'unsubscribe WORKSPACE|ORGANIZATION/* [project:P] [tag:K=V]',
    summary: "Stop this channel's alerts for a workspace, or for a scope (given as it was subscribed).",
    notes: [NOTES.workspace, SCOPE_NOTE],
    example: `unsubscribe ${EXAMPLE.workspaceName}`,
  },
  parse: (input) => {
    const target = parseSubscriptionTarget(word(input, 0), input);
    return target.kind === 'workspace'
      ? { command: 'unsubscribe', workspace: target.workspace }
      : { command: 'unsubscribe', scope: target.scope };
  },
  words: (request) => ['unsubscribe', ...targetWords(request)],
  execute: async (request, { deps, workspaces, caller }) => {
    if ('scope' in request) {
      const label = escapeMrkdwn(scopeText(request.scope));
      const removed = await deps.alerts.unsubscribeOrganization(caller.channelId, request.scope);
      return renderNotice(
        removed
          ? `:no_bell: This channel no longer gets alerts for *${label}*.`
          : `This channel has no subscription to *${label}* (a scope is removed as it was subscribed, with the same project: and tag:); \`/tfactions subscriptions\` lists them.`,
      );
    }
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
