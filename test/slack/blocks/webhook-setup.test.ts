import { renderWebhookSetup, type WebhookTarget } from '../../../src/slack/blocks/webhook-setup.js';
import { PLACEHOLDER_URL, terraformExample } from '../../../src/slack/blocks/webhook-terraform.js';
import { notificationUrl } from '../../../src/webhooks/route.js';
import { findLimitViolations } from '../../support/block-kit-limits.js';
import { validateBlocks } from '../../support/slack-standin/index.js';
import { allText, headerOf } from './support.js';

const BASE = 'https://tfactions.acme.example';
/** HCL's interpolation opener, spelled so no linter takes it for a template. */
const INTERPOLATION = ['$', '{'].join('');
const targets: WebhookTarget[] = [
  { kind: 'workspace', workspaceId: 'ws-4j8p6jX1w33MiDC7', label: 'acme/networking-prod' },
  { kind: 'workspace-name', organization: 'acme', name: 'networking-prod' },
  { kind: 'organization', organization: 'acme' },
  { kind: 'any' },
];

test('the public URL is the base plus /hcp/notifications, a path prefix kept', () => {
  expect(notificationUrl(BASE)).toBe(`${BASE}/hcp/notifications`);
  expect(notificationUrl(`${BASE}/`)).toBe(`${BASE}/hcp/notifications`);
  expect(notificationUrl(`${BASE}/bots/tfactions/`)).toBe(`${BASE}/bots/tfactions/hcp/notifications`);
  expect(notificationUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/hcp/notifications');
  expect(notificationUrl('tfactions.acme.example')).toBeNull();
  expect(notificationUrl('ftp://tfactions.acme.example')).toBeNull();
});

test.each(targets)('within Block Kit limits and accepted by the stand-in: %j', (target) => {
  for (const tokenConfigured of [true, false])
    for (const publicBaseUrl of [BASE, null]) {
      const message = renderWebhookSetup({ publicBaseUrl, target, tokenConfigured });
      expect(findLimitViolations(message)).toEqual([]);
      expect(validateBlocks(message.blocks)).toEqual([]);
    }
});

test('it says the URL, the triggers, where the token goes, and gives a tfe_notification_configuration', () => {
  const message = renderWebhookSetup({
    publicBaseUrl: BASE,
    target: targets[1] as WebhookTarget,
    tokenConfigured: true,
  });
  const text = allText(message);
  expect(headerOf(message)).toBe('Instant alerts from HCP Terraform notifications');
  expect(message.text).toBe(
    `Instant alerts: point an HCP Terraform notification at ${BASE}/hcp/notifications`,
  );
  expect(text).toContain(`\`${BASE}/hcp/notifications\``);
  expect(text).toContain('`run:completed` and `run:errored`');
  expect(text).toContain('`HCP_NOTIFICATION_TOKEN`');
  expect(text).toContain('resource "tfe_notification_configuration" "tfactions"');
  expect(text).toContain('destination_type = "generic"');
  expect(text).toContain('enabled          = true');
  expect(text).toContain('triggers         = ["run:completed", "run:errored"]');
  expect(text).toContain('workspace *acme/networking-prod*');
  expect(text).not.toContain(':warning:');
});

test('an unset token is called out with the fix', () => {
  const message = renderWebhookSetup({
    publicBaseUrl: BASE,
    target: { kind: 'any' },
    tokenConfigured: false,
  });
  expect(allText(message)).toMatch(/:warning: `HCP_NOTIFICATION_TOKEN` is not set, so tfactions answers 404/);
});

test('without a known public address the reply shows a placeholder and says what to put there', () => {
  const message = renderWebhookSetup({ publicBaseUrl: null, target: { kind: 'any' }, tokenConfigured: true });
  expect(allText(message)).toContain(`\`${PLACEHOLDER_URL}\`, with the public address`);
  expect(message.text).toBe('Instant alerts: point an HCP Terraform notification at tfactions');
});

describe('the Terraform example', () => {
  const url = `${BASE}/hcp/notifications`;

  test('a workspace ID is used as it is', () => {
    const hcl = terraformExample({ kind: 'workspace', workspaceId: 'ws-4j8p6jX1w33MiDC7' }, url);
    expect(hcl).toContain('workspace_id     = "ws-4j8p6jX1w33MiDC7"');
    expect(hcl).toContain(`url              = "${url}"`);
    expect(hcl).toContain('token            = var.tfactions_notification_token');
    expect(hcl).toContain('sensitive = true');
  });

  test('a workspace name is looked up with the tfe_workspace data source', () => {
    const hcl = terraformExample(
      { kind: 'workspace-name', organization: 'acme', name: 'networking-prod' },
      url,
    );
    expect(hcl).toContain(
      'data "tfe_workspace" "watched" {\n  name         = "networking-prod"\n  organization = "acme"\n}',
    );
    expect(hcl).toContain('workspace_id     = data.tfe_workspace.watched.id');
  });

  test('an organization gets one configuration per workspace', () => {
    const hcl = terraformExample({ kind: 'organization', organization: 'acme' }, url);
    expect(hcl).toContain(
      'data "tfe_workspace_ids" "all" {\n  names        = ["*"]\n  organization = "acme"\n}',
    );
    expect(hcl).toContain('for_each         = data.tfe_workspace_ids.all.ids');
    expect(hcl).toContain('workspace_id     = each.value');
  });

  test('values that could break out of an HCL string become placeholders', () => {
    const hcl = terraformExample(
      { kind: 'workspace-name', organization: 'ac"me', name: `${INTERPOLATION}file("x")}` },
      `https://x.example/"${INTERPOLATION}y}`,
    );
    expect(hcl).toContain('organization = "my-org"');
    expect(hcl).toContain('name         = "my-workspace"');
    expect(hcl).toContain(`url              = "${PLACEHOLDER_URL}"`);
    expect(hcl).not.toContain(INTERPOLATION);
    expect(terraformExample({ kind: 'workspace', workspaceId: 'ws-"x' }, null)).toContain(
      'data.tfe_workspace.watched.id',
    );
  });
});
