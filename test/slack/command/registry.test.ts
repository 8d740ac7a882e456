import { formatCommand } from '../../../src/slack/command/format.js';
import { parseCommand } from '../../../src/slack/command/grammar.js';
import { SUBCOMMAND_NAMES } from '../../../src/slack/command/names.js';
import { isQueryRequest, SUBCOMMANDS } from '../../../src/slack/command/registry.js';

const NOW = new Date('2026-05-12T12:00:00Z');

const READ_ONLY = ['help', 'actions', 'providers', 'action', 'runs', 'invokers', 'invocations', 'resources'];
const CHANGING_ALERTS = ['subscribe', 'unsubscribe', 'mute', 'unmute'];

test('the table holds one module per subcommand name, in the order help lists them', () => {
  expect(Object.keys(SUBCOMMANDS)).toEqual([...SUBCOMMAND_NAMES]);
});

describe.each(SUBCOMMAND_NAMES)('the module of %s', (name) => {
  const module = SUBCOMMANDS[name];

  test('parses its usage example to its own request, and formats it back to a text that parses equal', () => {
    const parsed = parseCommand(module.usage.example, NOW);
    if (!parsed.ok) throw new Error(`${name} example did not parse: ${parsed.error.message}`);
    expect(parsed.request.command).toBe(name);
    const again = parseCommand(formatCommand(parsed.request), NOW);
    expect(again).toEqual(parsed);
  });

  test('is a query exactly when it is read-only, and only changing commands are limited to admins', () => {
    expect(module.kind).toBe(READ_ONLY.includes(name) ? 'query' : 'manage');
    const parsed = parseCommand(module.usage.example, NOW);
    expect(parsed.ok && isQueryRequest(parsed.request)).toBe(READ_ONLY.includes(name));
    expect(module.kind === 'manage' && module.changesAlerts).toBe(CHANGING_ALERTS.includes(name));
  });

  test('accepts exactly the filters its usage shows', () => {
    const shownKeys = [...module.usage.syntax.matchAll(/\[([a-z-]+):/g)].map((match) => match[1]);
    expect(shownKeys.sort()).toEqual([...module.spec.filters].sort());
  });
});
