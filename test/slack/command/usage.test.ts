import { parseCommand } from '../../../src/slack/command/grammar.js';
import { SUBCOMMAND_NAMES } from '../../../src/slack/command/names.js';
import { helpText, usageFor } from '../../../src/slack/command/usage.js';

const NOW = new Date('2026-05-12T12:00:00Z');

function examplesOf(text: string): string[] {
  return [...text.matchAll(/`\/tfactions ([^`]+)`/g)].map((match) => match[1] ?? '');
}

describe.each(SUBCOMMAND_NAMES)('usage of %s', (name) => {
  const usage = usageFor(name);

  test('shows its syntax and an example that parses to it', () => {
    expect(usage).toContain(`*Usage:* \`/tfactions ${name}`);
    const example = usage.split('\n').find((line) => line.startsWith('*Example:*')) ?? '';
    const [command] = examplesOf(example);
    const result = parseCommand(command ?? '', NOW);
    expect(result.ok && result.request.command).toBe(name);
  });

  test('is mrkdwn-safe and fits one Block Kit section', () => {
    expect(usage).not.toMatch(/[<>&]/);
    expect(usage.length).toBeLessThanOrEqual(3000);
  });
});

test('the help lists every subcommand with one example that parses', () => {
  const examples = examplesOf(helpText());
  const commands = examples.map((example) => {
    const result = parseCommand(example, NOW);
    return result.ok ? result.request.command : `failed: ${example}`;
  });
  expect(commands).toEqual(expect.arrayContaining([...SUBCOMMAND_NAMES]));
  expect(new Set(commands).size).toBe(SUBCOMMAND_NAMES.length);
});

test('the help is mrkdwn-safe, fits one section and names aliases and status aliases', () => {
  const help = helpText();
  expect(help).not.toMatch(/[<>&]/);
  expect(help.length).toBeLessThanOrEqual(3000);
  expect(help).toContain('`list`');
  expect(help).toContain('`show`');
  expect(usageFor('runs')).toContain('`not_successful` (or `failed`)');
  expect(usageFor('runs')).toContain('`run_in_progress` (or `in_progress`)');
  expect(usageFor('resources')).toContain('`not_successful` (or `failed`)');
  expect(usageFor()).toBe(help);
});
