import { checkOutcome, type Expectations } from '../../scripts/demo/outcome.js';
import type { Happening } from '../../scripts/demo/world.js';
import type { PostedMessage } from '../support/slack-standin/index.js';

const CHANNEL = 'C0PLATFORM';
const workspace = {
  id: 'ws-abc',
  name: 'networking-prod',
  organization: 'acme',
  createdAt: '2026-01-01T00:00:00Z',
};
const happening = (runId: string, address = 'action.aws_lambda_invoke.notify'): Happening => ({
  actionId: 'action-abc',
  address,
  runId,
  workspace,
});

const direct = happening('run-direct1');
const lifecycle = happening('run-lifecycle1', 'action.local_command.smoke_test');
const oldFailure = happening('run-old1');

const expectations: Expectations = {
  channelId: CHANNEL,
  alerts: [
    { step: 'step 3', happening: direct },
    { step: 'step 4', happening: lifecycle },
  ],
  history: [oldFailure],
  drillDown: true,
  drillDownError: 'AccessDeniedException: not authorized',
  recovery: true,
};

function message(ts: string, text: string, extra: Partial<PostedMessage> = {}): PostedMessage {
  return { channel: CHANNEL, ts, text, blocks: [], edited: false, replyBroadcast: false, ...extra };
}

function goodChannel(): PostedMessage[] {
  return [
    message(
      '1.000100',
      'Terraform action notify recovered in acme/networking-prod (run-new1) after failing in run-direct1',
      {
        edited: true,
      },
    ),
    message(
      '1.000200',
      'Terraform action smoke_test failed in acme/payments-prod (run-lifecycle1): 1 of 2 invocations failed',
    ),
    message('1.000300', 'Invocations of action-abc in run-direct1', {
      threadTs: '1.000100',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '```AccessDeniedException: not authorized```' } },
      ],
    }),
    message('1.000400', 'Terraform action notify recovered in run-new1', { threadTs: '1.000100' }),
  ];
}

test('everything in place: ok, with where each part was found', () => {
  const outcome = checkOutcome(goodChannel(), expectations, 1234);
  expect(outcome.problems).toEqual([]);
  expect(outcome.ok).toBe(true);
  expect(outcome.alerts.map((alert) => alert.ts)).toEqual(['1.000100', '1.000200']);
  expect(outcome.drillDownTs).toBe('1.000300');
  expect(outcome.recoveryReplyTs).toBe('1.000400');
  expect(outcome.durationMs).toBe(1234);
});

test('a duplicate alert is reported', () => {
  const messages = [
    ...goodChannel(),
    message('1.000500', 'Terraform action smoke_test failed (run-lifecycle1)'),
  ];
  const outcome = checkOutcome(messages, expectations, 0);
  expect(outcome.ok).toBe(false);
  expect(outcome.problems).toEqual([expect.stringMatching(/step 4: .*posted 2 times/)]);
});

test('a missing alert is reported', () => {
  const messages = goodChannel().filter((candidate) => candidate.ts !== '1.000200');
  const outcome = checkOutcome(messages, expectations, 0);
  expect(outcome.problems).toEqual([expect.stringMatching(/step 4: no alert .*run-lifecycle1/)]);
});

test('a message about history is reported, even in blocks only', () => {
  const leak = message('1.000600', 'Terraform action failed', {
    blocks: [{ type: 'section', text: 'run-old1' }],
  });
  const outcome = checkOutcome([...goodChannel(), leak], expectations, 0);
  expect(outcome.problems).toEqual([expect.stringMatching(/history was posted: .*run-old1/)]);
});

test('a drill-down that never came, or came broadcast, is reported', () => {
  const withoutDrillDown = goodChannel().filter((candidate) => candidate.ts !== '1.000300');
  expect(checkOutcome(withoutDrillDown, expectations, 0).problems).toEqual([
    expect.stringMatching(/step 6: no Invocations drill-down/),
  ]);
  const broadcast = goodChannel().map((candidate) =>
    candidate.ts === '1.000300' ? { ...candidate, replyBroadcast: true } : candidate,
  );
  expect(checkOutcome(broadcast, expectations, 0).problems).toEqual([expect.stringMatching(/broadcast/)]);
});

test("a drill-down without the action's error is reported", () => {
  const withoutError = goodChannel().map((candidate) =>
    candidate.ts === '1.000300' ? { ...candidate, blocks: [] } : candidate,
  );
  expect(checkOutcome(withoutError, expectations, 0).problems).toEqual([
    expect.stringMatching(/step 6: the drill-down reply does not show the action's error/),
  ]);
});

test('a recovery reply without the alert updated is reported', () => {
  const notEdited = goodChannel().map((candidate) =>
    candidate.ts === '1.000100'
      ? {
          ...candidate,
          edited: false,
          text: 'Terraform action notify failed in acme/networking-prod (run-direct1)',
        }
      : candidate,
  );
  expect(checkOutcome(notEdited, expectations, 0).problems).toEqual([
    expect.stringMatching(/step 7: the first alert was not updated/),
  ]);
});

test('any other message is reported as unexpected', () => {
  const stray = message('1.000700', 'tfactions cannot watch acme/gone');
  const elsewhere = message('1.000800', 'Invocations of action-abc in run-direct1', { channel: 'C0OTHER' });
  const outcome = checkOutcome([...goodChannel(), stray, elsewhere], expectations, 0);
  expect(outcome.problems).toEqual([
    expect.stringMatching(/unexpected message C0PLATFORM ts 1.000700/),
    expect.stringMatching(/unexpected message C0OTHER ts 1.000800/),
  ]);
});

describe('step 8: the failure that arrives through its webhook', () => {
  const viaWebhook = happening('run-webhook1', 'action.aws_lambda_invoke.drain');
  const withWebhook: Expectations = {
    ...expectations,
    alerts: [...expectations.alerts, { step: 'step 8', happening: viaWebhook }],
  };
  const webhookAlert = message(
    '1.000900',
    'Terraform action drain failed in acme/networking-prod (run-webhook1): 1 of 1 invocations failed',
  );

  test('its alert, once, completes the outcome', () => {
    const outcome = checkOutcome([...goodChannel(), webhookAlert], withWebhook, 0);
    expect(outcome.problems).toEqual([]);
    expect(outcome.alerts.map((alert) => [alert.step, alert.ts])).toEqual([
      ['step 3', '1.000100'],
      ['step 4', '1.000200'],
      ['step 8', '1.000900'],
    ]);
  });

  test('no alert, or the alert twice, is reported against step 8', () => {
    expect(checkOutcome(goodChannel(), withWebhook, 0).problems).toEqual([
      expect.stringMatching(/step 8: no alert for action.aws_lambda_invoke.drain in run-webhook1/),
    ]);
    const twice = [...goodChannel(), webhookAlert, { ...webhookAlert, ts: '1.001000' }];
    expect(checkOutcome(twice, withWebhook, 0).problems).toEqual([
      expect.stringMatching(/step 8: .*posted 2 times/),
    ]);
  });
});
