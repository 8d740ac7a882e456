import { isValidId } from '../../hcp/ids.js';
import { RECOMMENDED_TRIGGERS } from '../../webhooks/route.js';

/** Which workspaces the `webhook` reply is about. */
export type WebhookTarget =
  | { kind: 'workspace'; workspaceId: string; label?: string }
  | { kind: 'workspace-name'; organization: string; name: string }
  | { kind: 'organization'; organization: string }
  | { kind: 'any' };

/** Shown where tfactions does not know its public address. */
export const PLACEHOLDER_URL = 'https://tfactions.example.com/hcp/notifications';
const PLACEHOLDER_ORGANIZATION = 'my-org';
const PLACEHOLDER_WORKSPACE = 'my-workspace';
export const TOKEN_TF_VARIABLE = 'tfactions_notification_token';

/**
 * A `tfe_notification_configuration` (tfe provider) that sends the recommended triggers to tfactions. Every
 * value written into the HCL matches its ID or name pattern (no quote can end a string early); others fall
 * back to placeholders.
 */
export function terraformExample(target: WebhookTarget, url: string | null): string {
  const triggers = RECOMMENDED_TRIGGERS.map((trigger) => `"${trigger}"`).join(', ');
  const scope = targetScope(target);
  return [
    `variable "${TOKEN_TF_VARIABLE}" {`,
    '  type      = string',
    '  sensitive = true # the value of HCP_NOTIFICATION_TOKEN',
    '}',
    '',
    ...scope.preamble,
    'resource "tfe_notification_configuration" "tfactions" {',
    ...scope.forEach,
    '  name             = "tfactions"',
    '  enabled          = true',
    '  destination_type = "generic"',
    `  url              = "${url !== null && !/["\\$]|%\{/.test(url) ? url : PLACEHOLDER_URL}"`,
    `  token            = var.${TOKEN_TF_VARIABLE}`,
    `  triggers         = [${triggers}]`,
    `  workspace_id     = ${scope.workspaceId}`,
    '}',
  ].join('\n');
}

interface Scope {
  preamble: string[];
  forEach: string[];
  workspaceId: string;
}

function targetScope(target: WebhookTarget): Scope {
  switch (target.kind) {
    case 'workspace':
      if (isValidId('workspace', target.workspaceId))
        return { preamble: [], forEach: [], workspaceId: `"${target.workspaceId}"` };
      return namedWorkspace(PLACEHOLDER_ORGANIZATION, PLACEHOLDER_WORKSPACE);
    case 'workspace-name':
      return namedWorkspace(orPlaceholder(target.organization), orPlaceholder(target.name, 'workspace-name'));
    case 'organization':
      return {
        preamble: [
          'data "tfe_workspace_ids" "all" {',
          '  names        = ["*"]',
          `  organization = "${orPlaceholder(target.organization)}"`,
          '}',
          '',
        ],
        forEach: ['  for_each         = data.tfe_workspace_ids.all.ids', ''],
        workspaceId: 'each.value',
      };
    case 'any':
      return namedWorkspace(PLACEHOLDER_ORGANIZATION, PLACEHOLDER_WORKSPACE);
  }
}

function namedWorkspace(organization: string, name: string): Scope {
  return {
    preamble: [
      'data "tfe_workspace" "watched" {',
      `  name         = "${name}"`,
      `  organization = "${organization}"`,
      '}',
      '',
    ],
    forEach: [],
    workspaceId: 'data.tfe_workspace.watched.id',
  };
}

function orPlaceholder(value: string, kind: 'organization' | 'workspace-name' = 'organization'): string {
  if (isValidId(kind, value)) return value;
  return kind === 'organization' ? PLACEHOLDER_ORGANIZATION : PLACEHOLDER_WORKSPACE;
}
