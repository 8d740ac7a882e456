import {
  NOTIFICATION_TOKEN_VARIABLE,
  notificationUrl,
  PUBLIC_URL_VARIABLE,
  RECOMMENDED_TRIGGERS,
} from '../../webhooks/route.js';
import { finalizeMessage } from './limits.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn } from './mrkdwn.js';
import { contextBlock, headerBlock, sectionBlock } from './primitives.js';
import { PLACEHOLDER_URL, terraformExample, type WebhookTarget } from './webhook-terraform.js';

export type { WebhookTarget } from './webhook-terraform.js';

export interface WebhookSetupView {
  /** Where HCP Terraform reaches tfactions' web process; null when tfactions does not know it. */
  publicBaseUrl: string | null;
  target: WebhookTarget;
  /** Whether HCP_NOTIFICATION_TOKEN is set (its value is never shown). */
  tokenConfigured: boolean;
}

/** `webhook [<workspace>|<org>]`: how to point HCP Terraform notifications at tfactions. */
export function renderWebhookSetup(view: WebhookSetupView): SlackMessage {
  const url = view.publicBaseUrl === null ? null : notificationUrl(view.publicBaseUrl);
  const where = targetPhrase(view.target);
  const urlLine =
    url === null
      ? `*1. URL* ${code(PLACEHOLDER_URL)}, with the public address of tfactions' web process in place of the host. Set ${code(PUBLIC_URL_VARIABLE)} to that address and this reply shows the exact URL.`
      : `*1. URL* ${code(url)}`;
  const triggers = RECOMMENDED_TRIGGERS.map((trigger) => code(trigger)).join(' and ');
  const tokenLine = view.tokenConfigured
    ? `*3. Token* the value of ${code(NOTIFICATION_TOKEN_VARIABLE)} from tfactions' environment. HCP Terraform signs every notification with it; never paste it in Slack.`
    : `*3. Token* :warning: ${code(NOTIFICATION_TOKEN_VARIABLE)} is not set, so tfactions answers 404 to notifications. Set it to a long random value (\`openssl rand -hex 32\`) on the web process, restart it, and use the same value here.`;

  const blocks = [
    headerBlock('Instant alerts from HCP Terraform notifications'),
    sectionBlock(
      `In ${where}: *Settings → Notifications → Create a notification → Webhook* (destination type \`generic\`), with:`,
    ),
    sectionBlock([urlLine, `*2. Triggers* ${triggers}`, tokenLine].join('\n')),
    sectionBlock(
      `Or with Terraform (tfe provider):\n\`\`\`${escapeMrkdwn(terraformExample(view.target, url))}\`\`\``,
    ),
    contextBlock([
      'HCP Terraform sends a `verification` notification when the configuration is saved; tfactions answers 200 when the token matches.',
      'A notification only makes tfactions poll the workspace at once: polling stays the safety net, so a lost notification costs latency, never an alert. With notifications on, a long poll interval (300 s) is enough.',
    ]),
  ];
  return finalizeMessage({
    text: `Instant alerts: point an HCP Terraform notification at ${url === null ? 'tfactions' : escapeMrkdwn(url)}`,
    blocks,
  });
}

function targetPhrase(target: WebhookTarget): string {
  switch (target.kind) {
    case 'workspace':
      return `workspace ${target.label ? `*${escapeMrkdwn(target.label)}*` : code(target.workspaceId)}`;
    case 'workspace-name':
      return `workspace *${escapeMrkdwn(`${target.organization}/${target.name}`)}*`;
    case 'organization':
      return `each workspace of *${escapeMrkdwn(target.organization)}* (the Terraform below covers them all)`;
    case 'any':
      return 'each watched workspace';
  }
}
