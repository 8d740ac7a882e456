import { MAX_ALERTS_PER_MESSAGE } from '../../../src/alerts/presenter.js';
import type { RunSummary } from '../../../src/hcp/types.js';
import {
  type AlertInput,
  durationLabel,
  renderAlert,
  renderAlertBurst,
  renderRecoveredAlert,
  renderRecoveryReply,
  renderWorkspaceProblem,
} from '../../../src/slack/blocks/alert.js';
import { isLinkButtonActionId } from '../../../src/slack/blocks/buttons.js';
import { RUN_SUMMARY, SHOW_ACTION, TFE_ADDRESS, WORKSPACE } from '../../fixtures/hcp-samples.js';
import { allText, buttonsOf, checked, contextTexts, fieldsOf, headerOf, jsonEncoder } from './support.js';

const ACTION_ID = 'action-ryh1uSaExmQqK72V';
const RUN_ID = 'run-KTuq99JSzgmDSvYj';
const RUN_URL = `https://app.terraform.io/app/acme/workspaces/networking-prod/runs/${RUN_ID}`;

const failedSummary: RunSummary = {
  ...RUN_SUMMARY,
  aggregateInvocationStatus: 'not_successful',
  successful: 1,
  failed: 2,
  plannedInvocationCount: 3,
};
const input: AlertInput = {
  summary: failedSummary,
  action: SHOW_ACTION,
  workspace: WORKSPACE,
  tfeAddress: TFE_ADDRESS,
};

describe('renderAlert', () => {
  test('header, facts, buttons and the notification text', () => {
    const message = checked(renderAlert(input, jsonEncoder));
    expect(message.text).toBe(
      `Terraform action action.terraform_data.restart failed in acme/networking-prod (${RUN_ID}): 2 of 3 invocations failed`,
    );
    expect(headerOf(message)).toBe('❌ action.terraform_data.restart failed');
    expect(fieldsOf(message)).toEqual([
      '*Workspace*\n<https://app.terraform.io/app/acme/workspaces/networking-prod|acme/networking-prod>',
      `*Run*\n<${RUN_URL}|${RUN_ID}>`,
      '*Module*\nroot module',
      '*Provider*\n`terraform`',
      '*Method*\nDirect',
      '*Invoked by*\nexample-user',
      '*Invoked at*\n<!date^1778600400^{date_short_pretty} {time}|2026-05-12T15:40:00Z>',
      '*Invocations*\n1 succeeded, 2 failed of 3 planned',
    ]);
    expect(allText(message)).toContain(`\`${ACTION_ID}\``);
    expect(buttonsOf(message)).toEqual([
      {
        label: 'Invocations',
        actionId: 'tfactions.thread.0',
        payload: { kind: 'thread', command: `invocations ${ACTION_ID} ${RUN_ID}` },
        url: undefined,
      },
      { label: 'Open run', actionId: 'tfactions.link.1', payload: null, url: RUN_URL },
      {
        label: 'Mute 24h',
        actionId: 'tfactions.mute.2',
        payload: { kind: 'mute', actionId: ACTION_ID, durationSeconds: 86400 },
        url: undefined,
      },
    ]);
    expect(isLinkButtonActionId('tfactions.link.1')).toBe(true);
    expect(isLinkButtonActionId('tfactions.thread.0')).toBe(false);
  });

  test('lifecycle runs add Resource groups; the mute duration follows the option', () => {
    const lifecycle = {
      ...input,
      summary: { ...failedSummary, invocationMethod: 'lifecycle' as const, invokedBy: null },
    };
    const message = checked(renderAlert(lifecycle, jsonEncoder, { muteSeconds: 7200 }));
    expect(buttonsOf(message).map((button) => [button.label, button.payload])).toEqual([
      ['Invocations', { kind: 'thread', command: `invocations ${ACTION_ID} ${RUN_ID}` }],
      ['Resource groups', { kind: 'thread', command: `resources ${ACTION_ID} ${RUN_ID}` }],
      ['Open run', null],
      ['Mute 2h', { kind: 'mute', actionId: ACTION_ID, durationSeconds: 7200 }],
    ]);
    expect(fieldsOf(message)).toContain('*Invoked by*\nsystem');
    expect(fieldsOf(message)).toContain('*Method*\nLifecycle');
  });

  test('a 3,000-character address keeps the header within 150 and the verb visible', () => {
    const long = { ...input, action: { ...SHOW_ACTION, address: `action.${'x'.repeat(3000)}` } };
    const message = checked(renderAlert(long, jsonEncoder));
    const header = headerOf(message) ?? '';
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header.endsWith('… failed')).toBe(true);
  });

  test('API text cannot ping the channel (plain_text headers are never parsed)', () => {
    const hostile = {
      ...input,
      action: { ...SHOW_ACTION, address: 'action.<!channel>', provider: '<!here>' },
      summary: { ...failedSummary, invokedBy: { username: '<!everyone>', avatarUrl: null } },
    };
    const message = checked(renderAlert(hostile, jsonEncoder));
    const markup = message.blocks.filter((block) => block.type !== 'header');
    expect(JSON.stringify(markup)).not.toMatch(/<!(channel|here|everyone)/);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(message.text).not.toMatch(/<!(channel|here|everyone)/);
  });
});

describe('durationLabel', () => {
  test.each([
    [86400, '24h'],
    [7200, '2h'],
    [1800, '30m'],
    [604800, '7d'],
    [90, '90s'],
  ])('%i seconds is %s', (seconds, label) => {
    expect(durationLabel(seconds)).toBe(label);
  });
});

describe('recovery', () => {
  test('the updated alert says recovered and keeps the facts and buttons', () => {
    const original = renderAlert(input, jsonEncoder);
    const message = checked(renderRecoveredAlert(input, 'run-NEW1', '2026-05-12T16:00:00Z', jsonEncoder));
    expect(headerOf(message)).toBe('✅ action.terraform_data.restart recovered');
    expect(fieldsOf(message)).toEqual(fieldsOf(original));
    expect(buttonsOf(message)).toEqual(buttonsOf(original));
    expect(allText(message)).toContain(
      ':white_check_mark: Recovered in <https://app.terraform.io/app/acme/workspaces/networking-prod/runs/run-NEW1|run-NEW1>',
    );
    expect(message.text).toBe(
      `Terraform action action.terraform_data.restart recovered in acme/networking-prod (run-NEW1) after failing in ${RUN_ID}`,
    );
  });

  test('the thread reply names the run that recovered', () => {
    const message = checked(renderRecoveryReply(input, 'run-NEW1', '2026-05-12T16:00:00Z'));
    expect(message.text).toBe('Terraform action action.terraform_data.restart recovered in run-NEW1');
    expect(allText(message)).toContain(
      '*Recovered* in <https://app.terraform.io/app/acme/workspaces/networking-prod/runs/run-NEW1|run-NEW1>',
    );
    expect(buttonsOf(message)).toEqual([]);
  });
});

describe('renderAlertBurst', () => {
  const many = (count: number, workspaces = 1): AlertInput[] =>
    Array.from({ length: count }, (_, i) => ({
      ...input,
      action: { ...SHOW_ACTION, id: `action-a${i}`, address: `action.aws_lambda_invoke.job${i}` },
      summary: {
        ...failedSummary,
        id: `action-a${i}:run-r${i}`,
        actionId: `action-a${i}`,
        runId: `run-r${i}`,
      },
      workspace: { ...WORKSPACE, id: `ws-w${i % workspaces}`, name: `ws${i % workspaces}` },
    }));

  test('one line and one Invocations button per failure', () => {
    const message = checked(renderAlertBurst(many(3), jsonEncoder));
    expect(headerOf(message)).toBe('3 Terraform action failures in acme/ws0');
    expect(message.text).toBe(
      '3 Terraform action failures in acme/ws0: action.aws_lambda_invoke.job0, action.aws_lambda_invoke.job1, action.aws_lambda_invoke.job2',
    );
    expect(buttonsOf(message).map((button) => [button.label, button.payload])).toEqual([
      ['Invocations', { kind: 'thread', command: 'invocations action-a0 run-r0' }],
      ['Invocations', { kind: 'thread', command: 'invocations action-a1 run-r1' }],
      ['Invocations', { kind: 'thread', command: 'invocations action-a2 run-r2' }],
    ]);
    expect(allText(message)).toContain(
      ':x: *`action.aws_lambda_invoke.job1`* · <https://app.terraform.io/app/acme/workspaces/ws0/runs/run-r1|run-r1> · 2 of 3 failed · Direct · by example-user',
    );
    expect(contextTexts(message)).toHaveLength(1);
  });

  test('several workspaces are named as such, and every line says which', () => {
    const message = checked(renderAlertBurst(many(4, 2), jsonEncoder));
    expect(headerOf(message)).toBe('4 Terraform action failures in several workspaces');
    expect(allText(message)).toContain('· acme/ws1');
  });

  test('MAX_ALERTS_PER_MESSAGE fit the block budget, one more is the caller’s bug', () => {
    const full = checked(renderAlertBurst(many(MAX_ALERTS_PER_MESSAGE), jsonEncoder));
    expect(buttonsOf(full)).toHaveLength(MAX_ALERTS_PER_MESSAGE);
    expect(() => renderAlertBurst(many(MAX_ALERTS_PER_MESSAGE + 1), jsonEncoder)).toThrow(RangeError);
    expect(() => renderAlertBurst([], jsonEncoder)).toThrow(RangeError);
  });

  test('long addresses stay within limits', () => {
    const long = many(MAX_ALERTS_PER_MESSAGE).map((alert) => ({
      ...alert,
      action: { ...alert.action, address: `action.${'y'.repeat(3000)}` },
    }));
    checked(renderAlertBurst(long, jsonEncoder));
  });
});

describe('renderWorkspaceProblem', () => {
  test('says which workspace and why, in plain words', () => {
    const message = checked(
      renderWorkspaceProblem('acme/networking-prod', 'HCP Terraform answered 404 <not found>'),
    );
    expect(headerOf(message)).toBe('⚠️ tfactions cannot watch acme/networking-prod');
    expect(allText(message)).toContain('HCP Terraform answered 404 &lt;not found&gt;');
    expect(message.text).toBe(
      ':warning: tfactions cannot watch acme/networking-prod: HCP Terraform answered 404 &lt;not found&gt;',
    );
  });
});
