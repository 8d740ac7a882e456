import { ROOT_MODULE, type TimeRange } from '../../../src/hcp/types.js';
import {
  INVOCATION_STATUS_CHOICES,
  METHOD_CHOICES,
  RESOURCE_STATUS_CHOICES,
  RUN_STATUS_CHOICES,
  SOURCE_CHOICES,
} from '../../../src/slack/command/filters.js';
import { formatCommand } from '../../../src/slack/command/format.js';
import { parseCommand } from '../../../src/slack/command/grammar.js';
import { SUBCOMMAND_NAMES, type SubcommandName } from '../../../src/slack/command/names.js';
import type { CommandRequest } from '../../../src/slack/command/registry.js';
import type { WorkspaceRef } from '../../../src/slack/command/types.js';

const NOW = new Date('2026-05-12T12:00:00Z');
const FALLBACK = 'this command could not be read; compare it with the usage';

/** A small seeded generator (mulberry32), so every run checks the same requests. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  constructor(private readonly next: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability = 0.5): boolean {
    return this.next() < probability;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }
  maybe<T>(make: () => T): T | undefined {
    return this.chance() ? make() : undefined;
  }
  subset<T>(values: readonly T[]): T[] {
    const shuffled = [...values].sort(() => this.next() - 0.5);
    return shuffled.slice(0, this.int(1, values.length));
  }
  text(alphabet: string, min: number, max: number): string {
    const characters = [...alphabet];
    return Array.from({ length: this.int(min, max) }, () => this.pick(characters)).join('');
  }
  id(prefix: string): string {
    return prefix + this.text('abcXYZ0189', 1, 20);
  }
  workspace(): WorkspaceRef {
    return this.chance()
      ? { kind: 'id', id: this.id('ws-') }
      : { kind: 'name', organization: this.text('acme-_09', 1, 12), name: this.text('netPROD-_7', 1, 12) };
  }
  timeRange(): TimeRange | undefined {
    const bounds = this.subset(['gt', 'gte', 'lt', 'lte'] as const);
    if (this.chance(0.3)) return undefined;
    const latestSecond = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;
    const instants = [...new Set(Array.from({ length: 4 }, () => this.int(0, latestSecond)))]
      .sort((a, b) => a - b)
      .map((second) => `${new Date(second * 1000).toISOString().slice(0, 19)}Z`);
    if (instants.length < 4) return undefined;
    const range: TimeRange = {};
    for (const bound of bounds) range[bound] = instants[['gt', 'gte', 'lt', 'lte'].indexOf(bound)];
    return range;
  }
  search(): string {
    const value = this.text('ab Zé日🚀"“”‘’\\[].:_,&<>=-', 1, 60).trim();
    return value === '' ? 'x' : value;
  }
  invokers(): string[] {
    return this.subset(['alice', 'bob.smith', 'system:not_a_user', 'ünï', 'ops+ci@acme', 'X_9-1']);
  }
  moduleAddress(): string {
    return this.chance() ? ROOT_MODULE : `module.${this.text('ab_', 1, 5)}.module.x${this.text('y-9', 0, 5)}`;
  }
  provider(): string {
    return this.pick(['terraform', 'aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws']);
  }
  page(): number {
    return this.int(1, 10_000);
  }

  request(): CommandRequest {
    const command = this.pick(SUBCOMMAND_NAMES);
    const action = this.id('action-');
    const run = this.id('run-');
    switch (command) {
      case 'help': {
        const topic = this.maybe(() => this.pick<SubcommandName>(SUBCOMMAND_NAMES));
        return topic ? { command, topic } : { command };
      }
      case 'actions':
        return {
          command,
          workspace: this.workspace(),
          options: compact({
            provider: this.maybe(() => this.provider()),
            moduleAddress: this.maybe(() => this.moduleAddress()),
            lastInvokedAt: this.timeRange(),
            pageNumber: this.maybe(() => this.page()),
          }),
        };
      case 'providers':
        return { command, workspace: this.workspace() };
      case 'unsubscribe':
        return { command, workspace: this.workspace() };
      case 'action':
      case 'invokers':
      case 'unmute':
        return { command, actionId: action };
      case 'runs':
        return {
          command,
          actionId: action,
          options: compact({
            statuses: this.maybe(() => this.subset(RUN_STATUS_CHOICES.values)),
            invocationMethods: this.maybe(() => this.subset(METHOD_CHOICES.values)),
            invokedBy: this.maybe(() => this.invokers()),
            sources: this.maybe(() => this.subset(SOURCE_CHOICES.values)),
            runId: this.maybe(() => run),
            invokedAt: this.timeRange(),
            pageNumber: this.maybe(() => this.page()),
          }),
        };
      case 'invocations':
        return {
          command,
          actionId: action,
          runId: run,
          options: compact({
            statuses: this.maybe(() => this.subset(INVOCATION_STATUS_CHOICES.values)),
            q: this.maybe(() => this.search()),
            pageNumber: this.maybe(() => this.page()),
          }),
        };
      case 'resources':
        return {
          command,
          actionId: action,
          runId: run,
          options: compact({
            statuses: this.maybe(() => this.subset(RESOURCE_STATUS_CHOICES.values)),
            q: this.maybe(() => this.search()),
            pageNumber: this.maybe(() => this.page()),
          }),
        };
      case 'subscribe': {
        const invokers = this.invokers();
        const split = this.int(0, invokers.length);
        return {
          command,
          workspace: this.workspace(),
          filters: compact({
            provider: this.maybe(() => this.provider()),
            moduleAddress: this.maybe(() => this.moduleAddress()),
            invocationMethods: this.maybe(() => this.subset(METHOD_CHOICES.values)),
            sources: this.maybe(() => this.subset(SOURCE_CHOICES.values)),
            invokedBy: split > 0 ? invokers.slice(0, split) : undefined,
            notInvokedBy: split < invokers.length ? invokers.slice(split) : undefined,
            errorText: this.maybe(() => this.pick(['auto', 'off'] as const)),
          }),
        };
      }
      case 'subscriptions':
      case 'doctor':
        return { command };
      case 'mute':
        return { command, actionId: action, durationSeconds: this.int(60, 90 * 86_400) };
      case 'webhook':
        return this.pick<CommandRequest>([
          { command },
          { command, scope: { kind: 'workspace', workspace: this.workspace() } },
          { command, scope: { kind: 'organization', name: this.pick(['acme', 'my-org_2', 'X']) } },
        ]);
    }
  }
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

test('formatCommand reads back to a deep-equal request (2000 random requests)', () => {
  const generate = new Generator(random(20260512));
  const seen = new Set<string>();
  for (let index = 0; index < 2000; index++) {
    const request = generate.request();
    seen.add(request.command);
    const text = formatCommand(request);
    const result = parseCommand(text, NOW);
    if (!result.ok) throw new Error(`${JSON.stringify(text)} was refused: ${result.error.message}`);
    expect(result.request).toStrictEqual(request);
  }
  expect(seen.size).toBe(SUBCOMMAND_NAMES.length);
});

test.each<[CommandRequest, string]>([
  [{ command: 'help' }, 'help'],
  [{ command: 'help', topic: 'runs' }, 'help runs'],
  [
    {
      command: 'actions',
      workspace: { kind: 'name', organization: 'acme', name: 'net' },
      options: { moduleAddress: ROOT_MODULE, lastInvokedAt: { gte: '2026-05-05T12:00:00Z' }, pageNumber: 2 },
    },
    'actions acme/net module:root since:2026-05-05T12:00:00Z page:2',
  ],
  [
    {
      command: 'runs',
      actionId: 'action-a',
      options: { statuses: ['not_successful'], invokedBy: ['alice', 'bob'], invokedAt: { gt: 'X', lt: 'Y' } },
    },
    'runs action-a status:not_successful by:alice,bob after:X before:Y',
  ],
  [
    { command: 'invocations', actionId: 'action-a', runId: 'run-b', options: { q: 'a "b" & <c>' } },
    'invocations action-a run-b q:"a \\"b\\" &amp; &lt;c&gt;"',
  ],
  [{ command: 'mute', actionId: 'action-a', durationSeconds: 86_400 }, 'mute action-a for:1d'],
  [
    {
      command: 'subscribe',
      workspace: { kind: 'id', id: 'ws-a' },
      filters: { notInvokedBy: ['system:not_a_user'] },
    },
    'subscribe ws-a not-by:system:not_a_user',
  ],
  [
    { command: 'subscribe', workspace: { kind: 'id', id: 'ws-a' }, filters: { errorText: 'auto' } },
    'subscribe ws-a errors:auto',
  ],
])('formatCommand(%j) = %j', (request, text) => {
  expect(formatCommand(request)).toBe(text);
});

test('a relative time formats as the absolute time it meant', () => {
  const result = parseCommand('runs action-a since:2h', NOW);
  expect(result.ok && formatCommand(result.request)).toBe('runs action-a since:2026-05-12T10:00:00Z');
});

describe('parseCommand on junk', () => {
  const generate = new Generator(random(7));
  const pieces = [
    'runs',
    'actions',
    'mute',
    'help',
    'invocations',
    'subscribe',
    'action-a',
    'run-b',
    'ws-c',
    'acme/net',
    'status:',
    'failed',
    'q:',
    '"',
    '\u201C',
    '\u2019',
    '\\',
    ':',
    ',',
    ' ',
    '  ',
    '\n',
    '\t',
    'since:',
    '7d',
    '2026-05-12',
    'T',
    'Z',
    '+02:00',
    'page:',
    '0',
    '99999',
    '../',
    '%2F',
    '&amp;',
    '&lt;',
    '&gt;',
    '\u200B',
    '\u0000',
    '\uD800',
    '\uFEFF',
    '\u202E',
    'é',
    '🚀',
    'by:',
    'not-by:',
    'for:',
    'module:',
    'root',
    'provider:',
  ];
  const inputs: string[] = [];
  for (let index = 0; index < 3000; index++) {
    inputs.push(
      generate.chance(0.3)
        ? String.fromCharCode(...Array.from({ length: generate.int(0, 80) }, () => generate.int(0, 0xffff)))
        : Array.from({ length: generate.int(1, 25) }, () => generate.pick(pieces)).join(''),
    );
  }
  inputs.push('x'.repeat(10_240), `runs ${'q:"'.repeat(700)}`, '"'.repeat(2000), '\\'.repeat(1999) + '"');

  test('never throws; errors say what was wrong; accepted requests are canonical', () => {
    let accepted = 0;
    for (const text of inputs) {
      const result = parseCommand(text, NOW);
      if (result.ok) {
        accepted++;
        const again = parseCommand(formatCommand(result.request), NOW);
        expect(again).toStrictEqual(result);
      } else {
        expect(result.error.message).not.toBe(FALLBACK);
        expect(result.error.message.length).toBeGreaterThan(0);
        expect(result.error.usage.length).toBeGreaterThan(0);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
