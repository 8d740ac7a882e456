import type { KnownBlock } from '@slack/types';
import type { ActionErrorFound, LogDiagnostic } from '../../../src/run-errors/types.js';
import { actionErrorBlocks, codeBlock, renderActionError } from '../../../src/slack/blocks/action-error.js';
import { ButtonMaker } from '../../../src/slack/blocks/buttons.js';
import { LIMITS } from '../../../src/slack/blocks/limits.js';
import { assertWithinLimits } from '../../support/block-kit-limits.js';
import { buttonsOf, jsonEncoder } from './support.js';

const SUBJECT = { actionAddress: 'action.aws_lambda_invoke.notify', runId: 'run-abc123' };
const RUN_PAGE = 'https://app.terraform.io/app/acme/workspaces/net/runs/run-abc123';

function diagnostic(overrides: Partial<LogDiagnostic> = {}): LogDiagnostic {
  return {
    severity: 'error',
    summary: 'Failed to invoke action',
    detail: 'Lambda returned 500',
    address: SUBJECT.actionAddress,
    location: 'main.tf line 12',
    ...overrides,
  };
}

function found(diagnostics: LogDiagnostic[], source: 'action' | 'run' = 'action'): ActionErrorFound {
  return { source, stage: 'apply', diagnostics, logUrlForHumans: RUN_PAGE };
}

function sectionTexts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

test('the action error: heading, summary with where, detail in a code block, and an Open logs link', () => {
  const message = renderActionError(found([diagnostic()]), SUBJECT, new ButtonMaker(jsonEncoder));
  assertWithinLimits(message);
  expect(sectionTexts(message.blocks)).toEqual([
    ':rotating_light: *Why `action.aws_lambda_invoke.notify` failed* (apply log of `run-abc123`)',
    '*Error:* Failed to invoke action `action.aws_lambda_invoke.notify, main.tf line 12`\n```Lambda returned 500```',
  ]);
  expect(buttonsOf(message)).toEqual([expect.objectContaining({ label: 'Open logs', url: RUN_PAGE })]);
});

test("the run's own errors are labelled as such", () => {
  const blocks = actionErrorBlocks(
    found([diagnostic({ address: 'aws_db_instance.main' })], 'run'),
    SUBJECT,
    new ButtonMaker(jsonEncoder),
  );
  expect(sectionTexts(blocks)[0]).toBe(
    ":information_source: No log message names `action.aws_lambda_invoke.notify`. *The run's own errors* (apply log of `run-abc123`):",
  );
});

test('mrkdwn, links, mentions and broadcasts inside log text are rendered inert', () => {
  const hostile =
    '<!here> <!channel|x> <@U012ABC> <https://evil.example|click me> *bold* _it_ ~s~ & ``` @here @everyone';
  const message = renderActionError(
    found([diagnostic({ summary: `boom <!everyone> *x* @channel`, detail: `${hostile}\nline 2 \`tick\`` })]),
    SUBJECT,
    new ButtonMaker(jsonEncoder),
  );
  assertWithinLimits(message);
  const [summaryLine, ...rest] = (sectionTexts(message.blocks)[1] ?? '').split('\n');
  const detail = rest.join('\n');
  // Nothing Slack would parse as a control sequence or entity is left.
  expect(summaryLine).not.toMatch(/[<>]/);
  expect(summaryLine).toContain('&lt;!everyone&gt;');
  expect(detail.startsWith('```')).toBe(true);
  expect(detail.endsWith('```')).toBe(true);
  const inner = detail.slice(3, -3);
  expect(inner).not.toMatch(/[<>`]/);
  expect(inner).toContain(
    '&lt;!here&gt; &lt;!channel|x&gt; &lt;@U012ABC&gt; &lt;https://evil.example|click me&gt;',
  );
  expect(inner).toContain('&amp;');
  // Written-out broadcasts keep a word joiner after the @.
  expect(`${summaryLine}\n${inner}`).not.toMatch(/@(here|channel|everyone)/);
  expect(inner).toContain('@\u2060here');
  expect(message.text).not.toMatch(/[<>]/);
});

test('long details are trimmed to the section limit and extra diagnostics are counted', () => {
  const many = Array.from({ length: 8 }, (_v, i) =>
    diagnostic({ summary: `failure ${i} ${'&'.repeat(400)}`, detail: `<&>`.repeat(2000) }),
  );
  const message = renderActionError(found(many), SUBJECT, new ButtonMaker(jsonEncoder));
  assertWithinLimits(message);
  const sections = sectionTexts(message.blocks);
  expect(sections).toHaveLength(6);
  for (const text of sections) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  for (const text of sections.slice(1)) expect(text.endsWith('…```')).toBe(true);
  expect(JSON.stringify(message.blocks)).toContain('3 more in the log.');
});

test('code blocks never cut an escaped entity in half', () => {
  const block = codeBlock('&'.repeat(100), 50);
  expect(block.length).toBeLessThanOrEqual(50);
  expect(block.slice(3, -3).replace(/…$/, '')).toMatch(/^(&amp;)+$/);
});

test('an unavailable log is one sentence, without a link', () => {
  const message = renderActionError(
    {
      unavailable: "The run's log could not be read: HCP Terraform no longer has it (404).",
      transient: false,
    },
    SUBJECT,
    new ButtonMaker(jsonEncoder),
  );
  assertWithinLimits(message);
  expect(sectionTexts(message.blocks)).toEqual([
    ":grey_question: The run's log could not be read: HCP Terraform no longer has it (404).",
  ]);
  expect(buttonsOf(message)).toEqual([]);
});
