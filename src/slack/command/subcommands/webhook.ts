import { isValidId } from '../../../hcp/ids.js';
import { renderWebhookSetup, type WebhookTarget } from '../../blocks/webhook-setup.js';
import { parseWorkspace } from '../arguments.js';
import type { ManageModule } from '../module.js';
import { CommandProblem, shown } from '../problem.js';
import { spec } from '../spec.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE } from '../usage-notes.js';
import { workspaceText } from '../words.js';

/** Which workspaces the notification setup is for: one workspace, an organization's, or any. */
export type WebhookScope =
  | { kind: 'workspace'; workspace: WorkspaceRef }
  | { kind: 'organization'; name: string };

export type WebhookRequest = { command: 'webhook'; scope?: WebhookScope };

export const webhookCommand: ManageModule<WebhookRequest> = {
  kind: 'manage',
  changesAlerts: false,
  spec: spec(['workspace'], [], 1),
  usage: {
    syntax: 'webhook [WORKSPACE|ORGANIZATION]',
    summary:
      'How to point HCP Terraform notifications at tfactions for instant alerts: URL, triggers, token and a Terraform example.',
    notes: [
      'WORKSPACE is its ID or organization/workspace-name; ORGANIZATION is a name without `/`, for all its workspaces.',
    ],
    example: `webhook ${EXAMPLE.workspaceName}`,
  },
  parse: ({ words }) => {
    const word = words[0];
    if (word === undefined) return { command: 'webhook' };
    return { command: 'webhook', scope: parseScope(word) };
  },
  words: (request) => {
    if (!request.scope) return ['webhook'];
    return [
      'webhook',
      request.scope.kind === 'organization' ? request.scope.name : workspaceText(request.scope.workspace),
    ];
  },
  execute: async (request, { deps }) =>
    renderWebhookSetup({
      publicBaseUrl: deps.config.publicUrl ?? null,
      target: targetOf(request.scope),
      tokenConfigured: deps.config.hcpNotificationToken !== undefined,
    }),
};

function parseScope(word: string): WebhookScope {
  if (word.toLowerCase().startsWith('ws-') || word.includes('/'))
    return { kind: 'workspace', workspace: parseWorkspace(word) };
  if (!isValidId('organization', word))
    throw new CommandProblem(
      `${shown(word)} is neither a workspace (its ID or organization/workspace-name) nor an organization name (letters, digits, - and _)`,
    );
  return { kind: 'organization', name: word };
}

function targetOf(scope: WebhookScope | undefined): WebhookTarget {
  if (!scope) return { kind: 'any' };
  if (scope.kind === 'organization') return { kind: 'organization', organization: scope.name };
  const { workspace } = scope;
  return workspace.kind === 'id'
    ? { kind: 'workspace', workspaceId: workspace.id }
    : { kind: 'workspace-name', organization: workspace.organization, name: workspace.name };
}
