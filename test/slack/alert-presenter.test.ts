import type { KnownBlock } from '@slack/types';
import type { AlertFacts, AlertMessage } from '../../src/alerts/presenter.js';
import { MAX_ALERTS_PER_MESSAGE } from '../../src/alerts/presenter.js';
import type { RunSummary } from '../../src/hcp/types.js';
import { SlackAlertPresenter } from '../../src/slack/alert-presenter.js';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { ButtonCodec } from '../../src/slack/buttons/codec.js';
import { RUN_SUMMARY, SHOW_ACTION, TFE_ADDRESS, WORKSPACE } from '../fixtures/hcp-samples.js';
import { allText, checked, headerOf } from './blocks/support.js';

const codec = new ButtonCodec('presenter-test-key');
const presenter = new SlackAlertPresenter(codec, TFE_ADDRESS);
const CHANNEL = 'C0PRESENT';

/** The presenter's messages are Block Kit messages; the port only hides that from src/alerts. */
function asSlack(message: AlertMessage): SlackMessage {
  return { text: message.text, blocks: message.blocks as KnownBlock[] };
}

function failure(index: number, address = `action.terraform_data.step_${index}`): AlertFacts {
  const summary: RunSummary = {
    ...RUN_SUMMARY,
    runId: `run-${index.toString().padStart(16, 'a')}`,
    aggregateInvocationStatus: 'not_successful',
    failed: 1,
    plannedInvocationCount: 1,
  };
  return { summary, action: { ...SHOW_ACTION, address }, workspace: WORKSPACE };
}

test('a full chunk of MAX_ALERTS_PER_MESSAGE failures fits the Block Kit limits, even with huge addresses', () => {
  const full = Array.from({ length: MAX_ALERTS_PER_MESSAGE }, (_unused, index) => failure(index));
  const message = checked(asSlack(presenter.burst(CHANNEL, full)));
  const buttons = message.blocks.filter(
    (block) => block.type === 'section' && block.accessory?.type === 'button',
  );
  expect(buttons).toHaveLength(MAX_ALERTS_PER_MESSAGE);
  const huge = full.map((alert, index) =>
    failure(index, `action.${'x'.repeat(3000)}_${alert.summary.runId}`),
  );
  checked(asSlack(presenter.burst(CHANNEL, huge)));
});

test('buttons are signed for the channel the message goes to', () => {
  const message = checked(asSlack(presenter.alert(CHANNEL, failure(1))));
  const mute = message.blocks
    .flatMap((block) => (block.type === 'actions' ? block.elements : []))
    .find((element) => element.type === 'button' && (element.action_id ?? '').startsWith('tfactions.mute'));
  expect(mute?.type).toBe('button');
  const value = mute?.type === 'button' ? (mute.value ?? '') : '';
  expect(codec.decode(value, CHANNEL)).toEqual({
    kind: 'mute',
    actionId: SHOW_ACTION.id,
    durationSeconds: 86_400,
  });
  expect(() => codec.decode(value, 'C0ELSEWHERE')).toThrow();
});

test('recovery: the rewritten alert and the thread reply name the run that succeeded', () => {
  const recovery = { recoveredRunId: 'run-RecoveredRun0001', recoveredAt: '2026-05-12T16:00:00Z' };
  const rewritten = checked(asSlack(presenter.recoveredAlert(CHANNEL, failure(2), recovery)));
  expect(headerOf(rewritten)).toContain('recovered');
  const reply = checked(asSlack(presenter.recoveryReply(failure(2), recovery)));
  expect(allText(reply)).toContain('run-RecoveredRun0001');
  expect(reply.text).toContain('recovered');
});

test('health notices: failing says why and how to fix, resumed says what was missed', () => {
  const failing = checked(
    asSlack(
      presenter.healthNotice('acme/networking-prod', {
        state: 'failing',
        errorClass: 'unauthorized',
        since: '2026-05-12T15:00:00Z',
      }),
    ),
  );
  expect(headerOf(failing)).toBe('⚠️ Alerts for acme/networking-prod are not working');
  expect(allText(failing)).toContain('*Fix:*');
  const resumed = checked(
    asSlack(
      presenter.healthNotice('acme/networking-prod', {
        state: 'resumed',
        since: '2026-05-12T15:00:00Z',
        dropped: 2,
        droppedRuns: ['run-DroppedRun000001'],
        baselineOnly: false,
      }),
    ),
  );
  expect(headerOf(resumed)).toBe('✅ Alerts for acme/networking-prod work again');
  expect(allText(resumed)).toContain('and 1 more');
});

test("the error text reply links to the run's page in its workspace and fits the limits", () => {
  const alert = failure(3);
  const found = {
    source: 'action' as const,
    stage: 'apply' as const,
    logUrlForHumans: 'https://example.invalid/app/runs/x',
    diagnostics: [
      {
        severity: 'error' as const,
        summary: 'Error invoking action',
        detail: 'x'.repeat(9000),
        address: null,
        location: null,
      },
    ],
  };
  const reply = checked(asSlack(presenter.actionError(CHANNEL, alert, found)));
  expect(allText(reply)).toContain('Error invoking action');
  expect(JSON.stringify(reply.blocks)).toContain(
    `${TFE_ADDRESS}/app/${WORKSPACE.organization}/workspaces/${WORKSPACE.name}/runs/${alert.summary.runId}`,
  );
  const unavailable = checked(
    asSlack(presenter.actionError(CHANNEL, alert, { unavailable: 'The log is gone.', transient: false })),
  );
  expect(allText(unavailable)).toContain('The log is gone.');
});

test('a workspace problem names the workspace and the problem', () => {
  const message = checked(asSlack(presenter.workspaceProblem('acme/gone', 'the workspace was not found')));
  expect(message.text).toContain('acme/gone');
  expect(allText(message)).toContain('the workspace was not found');
});
