import { parseCommand } from '../../../src/slack/command/grammar.js';
import type { SubcommandName } from '../../../src/slack/command/names.js';
import type { CommandRequest } from '../../../src/slack/command/registry.js';

const NOW = new Date('2026-05-12T12:00:00.000Z');
const A = 'action-ryh1uSaExmQqK72V';
const R = 'run-KTuq99JSzgmDSvYj';
const W = 'ws-4j8p6jX1w33MiDC7';
const ACME = { kind: 'name', organization: 'acme', name: 'networking-prod' } as const;

const accepted: [string, CommandRequest][] = [
  ['', { command: 'help' }],
  ['   ', { command: 'help' }],
  ['help', { command: 'help' }],
  ['help runs', { command: 'help', topic: 'runs' }],
  ['help LIST', { command: 'help', topic: 'actions' }],
  ['help show', { command: 'help', topic: 'action' }],
  [`actions ${W}`, { command: 'actions', workspace: { kind: 'id', id: W }, options: {} }],
  ['list acme/networking-prod', { command: 'actions', workspace: ACME, options: {} }],
  [
    'ACTIONS acme/networking-prod Provider:aws',
    { command: 'actions', workspace: ACME, options: { provider: 'aws' } },
  ],
  [
    'actions acme/networking-prod module:root',
    { command: 'actions', workspace: ACME, options: { moduleAddress: 'system:root_module' } },
  ],
  [
    'actions acme/networking-prod module:system:root_module page:2',
    { command: 'actions', workspace: ACME, options: { moduleAddress: 'system:root_module', pageNumber: 2 } },
  ],
  [
    'actions acme/networking-prod module:module.foo.module.bar',
    { command: 'actions', workspace: ACME, options: { moduleAddress: 'module.foo.module.bar' } },
  ],
  [
    'actions acme/networking-prod after:2026-05-12',
    { command: 'actions', workspace: ACME, options: { lastInvokedAt: { gt: '2026-05-12T00:00:00Z' } } },
  ],
  [
    'actions acme/networking-prod since:7d',
    { command: 'actions', workspace: ACME, options: { lastInvokedAt: { gte: '2026-05-05T12:00:00Z' } } },
  ],
  [
    'actions acme/networking-prod before:2026-05-12T15:40:00Z',
    { command: 'actions', workspace: ACME, options: { lastInvokedAt: { lt: '2026-05-12T15:40:00Z' } } },
  ],
  [
    'actions acme/networking-prod until:30m',
    { command: 'actions', workspace: ACME, options: { lastInvokedAt: { lte: '2026-05-12T11:30:00Z' } } },
  ],
  [
    'actions acme/networking-prod after:1h30m before:2026-05-12T13:00:00+02:00',
    {
      command: 'actions',
      workspace: ACME,
      options: { lastInvokedAt: { gt: '2026-05-12T10:30:00Z', lt: '2026-05-12T11:00:00Z' } },
    },
  ],
  [
    'actions acme/networking-prod since:2026-05-12T15:40:00.25Z until:2026-05-12T15:40:01.5Z',
    {
      command: 'actions',
      workspace: ACME,
      options: { lastInvokedAt: { gte: '2026-05-12T15:40:01Z', lte: '2026-05-12T15:40:01Z' } },
    },
  ],
  [
    'actions acme/networking-prod after:2026-05-12T15:40:00,9Z before:2026-05-12T15:40:02.1Z',
    {
      command: 'actions',
      workspace: ACME,
      options: { lastInvokedAt: { gt: '2026-05-12T15:40:00Z', lt: '2026-05-12T15:40:03Z' } },
    },
  ],
  [
    'actions acme/networking-prod since:2026-05-12T15:40:00Z until:2026-05-12T15:40:00Z',
    {
      command: 'actions',
      workspace: ACME,
      options: { lastInvokedAt: { gte: '2026-05-12T15:40:00Z', lte: '2026-05-12T15:40:00Z' } },
    },
  ],
  [`providers ${W}`, { command: 'providers', workspace: { kind: 'id', id: W } }],
  [`action ${A}`, { command: 'action', actionId: A }],
  [`show ${A}`, { command: 'action', actionId: A }],
  [`runs ${A}`, { command: 'runs', actionId: A, options: {} }],
  [
    `runs ${A} status:failed,in_progress,successful,not_invoked`,
    {
      command: 'runs',
      actionId: A,
      options: { statuses: ['not_successful', 'run_in_progress', 'successful', 'not_invoked'] },
    },
  ],
  [
    `runs ${A} status:not_successful,FAILED`,
    { command: 'runs', actionId: A, options: { statuses: ['not_successful'] } },
  ],
  [
    `runs ${A} method:direct,lifecycle by:alice,system:not_a_user source:tfe-ui,terraform+cloud run:${R}`,
    {
      command: 'runs',
      actionId: A,
      options: {
        invocationMethods: ['direct', 'lifecycle'],
        invokedBy: ['alice', 'system:not_a_user'],
        sources: ['tfe-ui', 'terraform+cloud'],
        runId: R,
      },
    },
  ],
  [
    `runs ${A} after:2d before:1d page:10000`,
    {
      command: 'runs',
      actionId: A,
      options: { invokedAt: { gt: '2026-05-10T12:00:00Z', lt: '2026-05-11T12:00:00Z' }, pageNumber: 10000 },
    },
  ],
  [`runs status:failed ${A}`, { command: 'runs', actionId: A, options: { statuses: ['not_successful'] } }],
  [`invokers ${A}`, { command: 'invokers', actionId: A }],
  [
    `invocations ${A} ${R} status:failed,not_invoked q:"web server" page:3`,
    {
      command: 'invocations',
      actionId: A,
      runId: R,
      options: { statuses: ['failed', 'not_invoked'], q: 'web server', pageNumber: 3 },
    },
  ],
  [
    `invocations ${A} ${R} q:\u201Cweb server\u201D`,
    { command: 'invocations', actionId: A, runId: R, options: { q: 'web server' } },
  ],
  [
    `invocations ${A} ${R} q:\u2018web server\u2019`,
    { command: 'invocations', actionId: A, runId: R, options: { q: 'web server' } },
  ],
  [
    `invocations ${A} ${R} q:aws_instance.web["a"]`,
    { command: 'invocations', actionId: A, runId: R, options: { q: 'aws_instance.web["a"]' } },
  ],
  [
    `resources ${A} ${R} status:failed q:"a &amp; b &lt;c&gt;"`,
    {
      command: 'resources',
      actionId: A,
      runId: R,
      options: { statuses: ['not_successful'], q: 'a & b <c>' },
    },
  ],
  [
    `subscribe acme/networking-prod provider:terraform module:root method:lifecycle source:tfe-api by:alice not-by:system:not_a_user`,
    {
      command: 'subscribe',
      workspace: ACME,
      filters: {
        provider: 'terraform',
        moduleAddress: 'system:root_module',
        invocationMethods: ['lifecycle'],
        sources: ['tfe-api'],
        invokedBy: ['alice'],
        notInvokedBy: ['system:not_a_user'],
      },
    },
  ],
  [`subscribe ${W}`, { command: 'subscribe', workspace: { kind: 'id', id: W }, filters: {} }],
  [
    'subscribe acme/networking-prod errors:auto',
    { command: 'subscribe', workspace: ACME, filters: { errorText: 'auto' } },
  ],
  [
    'subscribe acme/networking-prod errors:OFF',
    { command: 'subscribe', workspace: ACME, filters: { errorText: 'off' } },
  ],
  ['unsubscribe acme/networking-prod', { command: 'unsubscribe', workspace: ACME }],
  [
    'subscribe acme/*',
    { command: 'subscribe', scope: { organization: 'acme', projects: [], tags: [] }, filters: {} },
  ],
  [
    'subscribe acme',
    { command: 'subscribe', scope: { organization: 'acme', projects: [], tags: [] }, filters: {} },
  ],
  [
    'subscribe acme/*-prod project:web project:data tag:env=prod tag:team method:lifecycle',
    {
      command: 'subscribe',
      scope: {
        organization: 'acme',
        namePattern: '*-prod',
        projects: ['data', 'web'],
        tags: [{ key: 'env', value: 'prod' }, { key: 'team' }],
      },
      filters: { invocationMethods: ['lifecycle'] },
    },
  ],
  [
    'unsubscribe acme/* tag:env=prod',
    {
      command: 'unsubscribe',
      scope: { organization: 'acme', projects: [], tags: [{ key: 'env', value: 'prod' }] },
    },
  ],
  ['subscriptions', { command: 'subscriptions' }],
  [`mute ${A}`, { command: 'mute', actionId: A, durationSeconds: 86400 }],
  [`mute ${A} for:30m`, { command: 'mute', actionId: A, durationSeconds: 1800 }],
  [`mute ${A} FOR:1h30m`, { command: 'mute', actionId: A, durationSeconds: 5400 }],
  [`mute ${A} for:90d`, { command: 'mute', actionId: A, durationSeconds: 90 * 86400 }],
  [`unmute ${A}`, { command: 'unmute', actionId: A }],
  ['doctor', { command: 'doctor' }],
  ['  DoCtOr  ', { command: 'doctor' }],
  ['webhook', { command: 'webhook' }],
  ['webhook acme', { command: 'webhook', scope: { kind: 'organization', name: 'acme' } }],
  [
    'webhook acme/net',
    {
      command: 'webhook',
      scope: { kind: 'workspace', workspace: { kind: 'name', organization: 'acme', name: 'net' } },
    },
  ],
  [`\u00A0action\u00A0${A}\n`, { command: 'action', actionId: A }],
];

const refused: [string, string, SubcommandName | undefined][] = [
  ['frobnicate', 'unknown subcommand "frobnicate"', undefined],
  ['runz', 'did you mean `runs`?', undefined],
  ['help nonsense', 'unknown subcommand "nonsense"', 'help'],
  ['status:failed', 'start with a subcommand', undefined],
  ['actions', '`actions` needs a workspace', 'actions'],
  ['runs', '`runs` needs an action ID', 'runs'],
  [`invocations ${A}`, 'needs a run ID', 'invocations'],
  [`action ${A} extra`, 'unexpected extra word "extra"', 'action'],
  ['doctor now', 'unexpected extra word "now"', 'doctor'],
  ['webhook acme extra', 'unexpected extra word "extra"', 'webhook'],
  ['webhook ac.me', '"ac.me" is neither a workspace', 'webhook'],
  ['webhook ws-bad!', '"ws-bad!" is not a valid workspace ID', 'webhook'],
  ['actions acme', '"acme" is not a workspace', 'actions'],
  ['actions acme/net/extra', '"acme/net/extra" is not a workspace', 'actions'],
  ['actions acme/..', '".." is not a workspace name', 'actions'],
  ['actions ../../organizations/acme', '"../../organizations/acme" is not a workspace', 'actions'],
  ['actions ws-bad!', '"ws-bad!" is not a valid workspace ID', 'actions'],
  [
    'action action-x/../y',
    '"action-x/../y" is not a valid action ID (expected something like action-',
    'action',
  ],
  ['action ../../organizations/acme', 'is not a valid action ID', 'action'],
  ['action action-x%2F..', '"action-x%2F.." is not a valid action ID', 'action'],
  ['action ""', 'an empty value is not a valid action ID', 'action'],
  [`action ${R}`, 'that is a run ID', 'action'],
  [`invocations ${A} action-x/..`, '"action-x/.." is not a valid run ID', 'invocations'],
  ['action \u0430ction-abc', 'is not a valid action ID', 'action'],
  ['\u0430ctions ws-abc', 'unknown subcommand', undefined],
  [`action ${A}\u200B`, 'invisible or control character (U+200B)', 'action'],
  [`action \u202E${A}`, '(U+202E)', 'action'],
  [`action ${A}\u0000`, '(U+0000)', 'action'],
  [`action ${'x'.repeat(10_000)}`, 'at most 2000 are accepted', 'action'],
  ['x'.repeat(2001), 'the command is 2001 characters long', undefined],
  [`runs ${A} foo:bar`, 'unknown filter key for runs: "foo"; valid filters: status, method, by', 'runs'],
  [`runs ${A} q:web`, 'unknown filter key for runs', 'runs'],
  [`action ${A} page:2`, 'unknown filter key for action: "page"; `action` takes no filters', 'action'],
  [`runs ${A} stauts:failed`, 'did you mean status:?', 'runs'],
  [`runs ${A} status:bogus`, 'status: "bogus" is not a run status', 'runs'],
  [`runs ${A} status:failed,,successful`, 'has an empty item', 'runs'],
  [`invocations ${A} ${R} status:run_in_progress`, 'is not an invocation status', 'invocations'],
  [`resources ${A} ${R} status:in_progress`, 'is not a resource group status', 'resources'],
  [`runs ${A} method:manual`, 'method: "manual" is not an invocation method', 'runs'],
  [`runs ${A} source:github`, 'source: "github" is not a run source', 'runs'],
  [`runs ${A} run:run-x/..`, 'run: "run-x/.." is not a valid run ID', 'runs'],
  [`runs ${A} status:failed status:successful`, 'status: is given twice', 'runs'],
  [`runs ${A} after:1d after:2d`, 'after: is given twice', 'runs'],
  [`runs ${A} after:yesterday`, 'after: "yesterday" is not an ISO-8601 time', 'runs'],
  [`runs ${A} since:2026-02-30`, 'since: "2026-02-30" is not a real date', 'runs'],
  [`runs ${A} before:2026-05-12T25:00:00Z`, 'before: "2026-05-12T25:00:00Z" is not a real date', 'runs'],
  [`runs ${A} until:1969-12-31`, 'until: "1969-12-31" is outside 1970 to 9999', 'runs'],
  [`runs ${A} since:9999999w`, 'is outside 1970 to 9999', 'runs'],
  [`runs ${A} after:2026-05-12 before:2026-05-11`, 'the time range is empty', 'runs'],
  [`runs ${A} after:1h before:1h`, 'the time range is empty', 'runs'],
  [`runs ${A} since:1d until:2d`, 'the time range is empty', 'runs'],
  [
    `runs ${A} since:2026-05-12T15:40:00.25Z until:2026-05-12T15:40:00.75Z`,
    'the time range is empty',
    'runs',
  ],
  [`runs ${A} page:0`, 'page: "0" is not a page number from 1 to 10000', 'runs'],
  [`runs ${A} page:10001`, 'is not a page number', 'runs'],
  [`runs ${A} page:-1`, 'is not a page number', 'runs'],
  [`runs ${A} page:1e3`, 'is not a page number', 'runs'],
  [`runs ${A} by:${'u'.repeat(101)}`, 'an invoker has at most 100', 'runs'],
  [`runs ${A} by:../etc`, 'is not an invoker name', 'runs'],
  [`runs ${A} by:`, 'by needs a value; write it right after the colon', 'runs'],
  [`invocations ${A} ${R} q:""`, 'q needs a value', 'invocations'],
  [`invocations ${A} ${R} q:\u201C\u201D`, 'q needs a value', 'invocations'],
  [`invocations ${A} ${R} q:"${'a'.repeat(201)}"`, 'at most 200', 'invocations'],
  [`invocations ${A} ${R} q:"line\nbreak"`, 'has a line break or a control character', 'invocations'],
  [`invocations ${A} ${R} q:"web server`, 'is never closed', 'invocations'],
  [`invocations ${A} ${R} q:"web"server`, 'has text right after its closing quote', 'invocations'],
  ['actions acme/net provider:../../x', 'provider: "../../x" is not a provider name', 'actions'],
  ['actions acme/net module:foo', 'module: "foo" is not a module address', 'actions'],
  ['subscribe acme/net by:alice not-by:alice', '"alice" is in both by: and not-by:', 'subscribe'],
  ['subscribe acme/net after:1d', 'unknown filter key for subscribe', 'subscribe'],
  ['subscribe acme/net project:web', 'narrows an organization scope, not one workspace', 'subscribe'],
  [`subscribe ${W} tag:env=prod`, 'write ORGANIZATION/* instead of the workspace', 'subscribe'],
  ['subscribe acme/* tag:=prod', 'write tag:KEY or tag:KEY=VALUE', 'subscribe'],
  ['subscribe acme/* tag:env=', 'the tag value is empty', 'subscribe'],
  ['subscribe acme/* provider:aws provider:gcp', 'provider: is given twice', 'subscribe'],
  ['subscribe acme/we*b! ', 'is not a workspace name pattern', 'subscribe'],
  ['unsubscribe acme/web tag:env', 'narrows an organization scope', 'unsubscribe'],
  ['subscribe acme/net errors:loud', 'errors: "loud" is not an error text mode', 'subscribe'],
  ['subscribe acme/net errors:auto,off', 'errors: takes one of `auto`, `off`, not a list', 'subscribe'],
  [`runs ${A} errors:auto`, 'unknown filter key for runs', 'runs'],
  [`mute ${A} for:30s`, 'the shortest mute is 1m', 'mute'],
  [`mute ${A} for:91d`, 'the longest mute is 90d', 'mute'],
  [`mute ${A} for:forever`, 'for: "forever" is not a duration', 'mute'],
  [`mute ${A} for:2026-05-12`, 'is not a duration', 'mute'],
  ['action &lt;!channel&gt;', '"&lt;!channel&gt;" is not a valid action ID', 'action'],
];

describe('parseCommand accepts', () => {
  test.each(accepted)('%j', (text, expected) => {
    expect(parseCommand(text, NOW)).toStrictEqual({ ok: true, request: expected });
  });
});

describe('parseCommand refuses', () => {
  test.each(refused)('%j', (text, fragment, subcommand) => {
    const result = parseCommand(text, NOW);
    if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.request)}`);
    expect(result.error.message).toContain(fragment);
    expect(result.error.subcommand).toBe(subcommand);
    expect(result.error.usage).toContain(subcommand ? `/tfactions ${subcommand}` : '/tfactions doctor');
    expect(result.error.usage).not.toMatch(/[<>&]/);
  });
});

test('error messages escape what Slack would read as mentions or links', () => {
  const result = parseCommand('runs &lt;!here&gt; status:x', NOW);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.message).not.toContain('<');
});

test('the usage of an unknown subcommand is the general help', () => {
  const result = parseCommand('nope', NOW);
  expect(result.ok || result.error.usage).toContain('/tfactions subscriptions');
});

test('a text that is not a string is read as no text', () => {
  expect(parseCommand(undefined as unknown as string, NOW)).toEqual({
    ok: true,
    request: { command: 'help' },
  });
});
