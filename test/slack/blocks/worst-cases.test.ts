import type {
  Action,
  Invocation,
  Page,
  Pagination,
  ResourceGroup,
  RunSummary,
  Workspace,
} from '../../../src/hcp/types.js';
import { renderActionDetail } from '../../../src/slack/blocks/action-detail.js';
import { renderActionList } from '../../../src/slack/blocks/actions.js';
import {
  type AlertInput,
  renderAlert,
  renderRecoveredAlert,
  renderRecoveryReply,
} from '../../../src/slack/blocks/alert.js';
import type { RenderContext } from '../../../src/slack/blocks/context.js';
import { renderInvokers, renderProviders } from '../../../src/slack/blocks/filter-options.js';
import { renderInvocations } from '../../../src/slack/blocks/invocations.js';
import type { SlackMessage } from '../../../src/slack/blocks/message.js';
import { renderResourceGroups } from '../../../src/slack/blocks/resource-groups.js';
import { renderRunSummaries } from '../../../src/slack/blocks/run-summaries.js';
import { ButtonCodec } from '../../../src/slack/buttons/codec.js';
import {
  INVOCATION,
  LIST_ACTION,
  RESOURCE_GROUP,
  RUN_SUMMARY,
  SHOW_ACTION,
  TFE_ADDRESS,
} from '../../fixtures/hcp-samples.js';
import { contextTexts, jsonEncoder, queryContext, checked as withinLimits } from './support.js';

/** Within limits by the builder's own budget, not by finalizeMessage's last-resort cut. */
function checked(message: SlackMessage): SlackMessage {
  withinLimits(message);
  expect(contextTexts(message).join('\n')).not.toContain('parts of this message were left out');
  return message;
}

const long = (prefix: string, length = 3000) => `${prefix}${'<&>x'.repeat(length)}`.slice(0, length);
const HUGE_WORKSPACE: Workspace = { id: 'ws-abc', organization: long('org-'), name: long('name-') };
const IDS = { actionId: 'action-abc', runId: 'run-xyz' };
const PAGINATION: Pagination = {
  currentPage: 2,
  totalPages: 9,
  totalCount: 900,
  nextPage: 3,
  prevPage: 1,
  pageSize: 100,
};
const page = <T>(items: T[]): Page<T> => ({
  items,
  pagination: PAGINATION,
  counts: { invocations: 900, 'resource-groups': 900 },
});

/** A command carrying a 2,000-character q: too long for any button value. */
const longCommand = (n: number) => `invocations action-abc run-xyz q:"${'q'.repeat(2000)}" page:${n}`;

const contexts: [string, RenderContext][] = [
  [
    'readable encoder, long commands',
    queryContext({ commandForPage: longCommand, shareable: true, workspace: HUGE_WORKSPACE }),
  ],
  [
    'signed encoder, long commands',
    {
      encoder: new ButtonCodec('test-signing-key').encoderFor('C0123'),
      tfeAddress: TFE_ADDRESS,
      buttonKind: 'thread',
      commandForPage: longCommand,
      shareable: true,
      workspace: HUGE_WORKSPACE,
    },
  ],
  ['short commands', queryContext({ commandForPage: (n) => `actions ws-abc page:${n}`, shareable: true })],
];

const hugeAction = (i: number): Action => ({
  ...LIST_ACTION,
  id: `action-a${i}`,
  address: long(`action.${i}.`),
  provider: long('provider-'),
  moduleAddress: long('module.'),
  documentationUrl: `https://docs.example.com/${'d'.repeat(4000)}`,
  forEachValues: Array.from({ length: 1000 }, (_, k) => long(`key${k}-`, 100)),
  invocationCount: 1_000_000,
});
const hugeSummary = (i: number): RunSummary => ({
  ...RUN_SUMMARY,
  id: `action-abc:run-r${i}`,
  actionId: 'action-abc',
  runId: `run-r${i}`,
  aggregateInvocationStatus: i % 2 === 0 ? 'not_successful' : 'run_in_progress',
  invocationMethod: 'lifecycle',
  invokedBy: { username: long('user-'), avatarUrl: null },
});
const hugeInvocation = (i: number): Invocation => ({
  ...INVOCATION,
  id: `ai-${i}`,
  finalStatus: 'failed',
  actionKey: long(`key${i}-`),
  actionTriggerEvent: long('event-'),
  triggeringResourceAddress: long(`aws_instance.r${i}.`),
  actionTriggerBlockIndex: i,
});
const hugeGroup = (i: number): ResourceGroup => ({
  ...RESOURCE_GROUP,
  id: long(`aws_instance.r${i}.`),
  triggeringResourceAddress: long(`aws_instance.r${i}.`),
  aggregateInvocationStatus: 'not_successful',
  invocations: Array.from({ length: 100 }, (_, k) => ({
    id: `ai-${k}`,
    finalStatus: 'failed' as const,
    actionKey: long(`k${k}-`),
    actionTriggerEvent: long('event-'),
  })),
});
const hundred = <T>(make: (i: number) => T): T[] => Array.from({ length: 100 }, (_, i) => make(i));

function expectNotCutSilently(message: SlackMessage): void {
  const notes = contextTexts(message).join('\n');
  expect(notes).toMatch(/Showing \d+ of 100 \S+/);
}

describe.each(contexts)('worst cases (%s)', (_name, ctx) => {
  test('100 actions with 3,000-character addresses', () => {
    const message = checked(renderActionList(page(hundred(hugeAction)), HUGE_WORKSPACE, ctx));
    expectNotCutSilently(message);
  });

  test('one huge action', () => {
    checked(renderActionDetail(hugeAction(1), ctx));
  });

  test('100 run summaries', () => {
    expectNotCutSilently(checked(renderRunSummaries(page(hundred(hugeSummary)), hugeAction(1), ctx)));
  });

  test('100 invocations', () => {
    const message = checked(renderInvocations(page(hundred(hugeInvocation)), IDS, ctx));
    expect(contextTexts(message).join('\n')).toContain('Page 2 of 9 · 900 invocations');
  });

  test('100 resource groups of 100 invocations each', () => {
    expectNotCutSilently(checked(renderResourceGroups(page(hundred(hugeGroup)), IDS, ctx)));
  });

  test('thousands of providers and invokers', () => {
    const names = Array.from({ length: 3000 }, (_, i) => long(`name${i}-`, 200));
    checked(renderProviders({ workspaceId: 'ws-abc', providers: names }, ctx));
    checked(renderInvokers({ actionId: 'action-abc', invokedBy: names }, ctx));
  });

  test('alerts about huge facts', () => {
    const input: AlertInput = {
      summary: { ...hugeSummary(0), invocationMethod: 'lifecycle' },
      action: hugeAction(0),
      workspace: HUGE_WORKSPACE,
      tfeAddress: TFE_ADDRESS,
    };
    checked(renderAlert(input, ctx.encoder));
    checked(renderRecoveredAlert(input, 'run-new', '2026-05-12T16:00:00Z', ctx.encoder));
    checked(renderRecoveryReply(input, 'run-new', 'not a date'));
  });
});

test('malformed IDs from the API never become commands', () => {
  const action = { ...SHOW_ACTION, id: 'action-x y' };
  const summary = { ...RUN_SUMMARY, id: 'bad', actionId: 'action-x/../y', runId: 'run-1' };
  expect(
    checked(renderActionDetail(action, queryContext())).blocks.some((block) => block.type === 'actions'),
  ).toBe(false);
  const runs = checked(
    renderRunSummaries({ ...page([summary]) }, null, queryContext({ encoder: jsonEncoder })),
  );
  expect(runs.blocks.some((block) => block.type === 'actions')).toBe(false);
});
