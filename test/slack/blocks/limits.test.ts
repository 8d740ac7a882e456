import type { Button, KnownBlock } from '@slack/types';
import {
  ELLIPSIS,
  finalizeMessage,
  LIMITS,
  truncate,
  truncateMrkdwn,
} from '../../../src/slack/blocks/limits.js';
import { assertWithinLimits, findLimitViolations } from '../../support/block-kit-limits.js';

const button = (actionId: string, value = 'v', text = 'Go'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
});

describe('truncate', () => {
  test('keeps short text and cuts long text with an ellipsis to exactly the limit', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 8)).toBe(`hello w${ELLIPSIS}`);
    expect(truncate('x'.repeat(5000), 3000)).toHaveLength(3000);
    expect(truncate('abc', 0)).toBe('');
  });

  test('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 4);
    expect(cut).toBe(`ab${ELLIPSIS}`);
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('truncateMrkdwn', () => {
  test('does not cut inside a link, mention or date', () => {
    const text = `see <https://example.com/${'a'.repeat(50)}|the run> now`;
    const cut = truncateMrkdwn(text, 30);
    expect(cut).toBe(`see${ELLIPSIS}`);
    expect(cut).not.toContain('<');
  });

  test('does not cut inside an entity', () => {
    const cut = truncateMrkdwn('a &amp; b', 5);
    expect(cut).toBe(`a${ELLIPSIS}`);
  });

  test('cuts plain mrkdwn at the limit', () => {
    expect(truncateMrkdwn('y'.repeat(3500), 3000)).toHaveLength(3000);
  });
});

describe('findLimitViolations', () => {
  test('names every violation', () => {
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] },
      {
        type: 'context',
        elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
      },
      {
        type: 'actions',
        elements: [button('a.1', 'v'.repeat(2001)), button('a.1'), button('a.2', 'v', 'b'.repeat(76))],
      },
      { type: 'actions', elements: [button('x'.repeat(256))] },
      { type: 'actions', elements: [] },
      { type: 'section', text: { type: 'mrkdwn', text: '  ' } },
    ];
    const problems = findLimitViolations({ text: 't'.repeat(3001), blocks });
    const expected = [
      'text: 3001 characters',
      'blocks[0] (header).text: 151',
      'blocks[1] (section).text: 3001',
      'blocks[2] (section): 11 fields',
      'blocks[3] (section).fields[0]: 2001',
      'blocks[4] (context): 11 elements',
      'blocks[5] (actions).elements[0].value: 2001',
      'action_id a.1 is used twice',
      'blocks[5] (actions).elements[2].text: 76',
      'blocks[6] (actions).elements[0].action_id: 256',
      'blocks[7] (actions): 0 elements',
      'blocks[8] (section).text is empty',
    ];
    for (const fragment of expected)
      expect(problems.some((problem) => problem.includes(fragment))).toBe(true);
    expect(() => assertWithinLimits({ text: 'x', blocks })).toThrow(RangeError);
  });

  test('counts blocks and refuses an empty message', () => {
    const many: KnownBlock[] = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(findLimitViolations({ text: 'x', blocks: many })).toEqual(['51 blocks, more than 50']);
    expect(findLimitViolations({ text: '', blocks: [] })).toEqual([
      'text is empty',
      'the message has no blocks',
    ]);
  });
});

describe('finalizeMessage', () => {
  test('turns an impossible message into one Slack takes, and says what it left out', () => {
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(400) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(9000) }, accessory: button('dup') },
      {
        type: 'section',
        fields: Array.from({ length: 14 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2500) })),
      },
      {
        type: 'context',
        elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'c'.repeat(4000) })),
      },
      {
        type: 'actions',
        elements: [
          button('dup'),
          button('long-value', 'v'.repeat(2001)),
          button('long-label', 'v', 'l'.repeat(100)),
          ...Array.from({ length: 30 }, (_, i) => button(`b.${i}`)),
        ],
      },
      { type: 'actions', elements: [button('only-too-long', 'v'.repeat(2001))] },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
      ...Array.from({ length: 60 }, (): KnownBlock => ({ type: 'divider' })),
    ];
    const message = finalizeMessage({ text: 'n'.repeat(50_000), blocks });
    expect(findLimitViolations(message)).toEqual([]);
    expect(message.blocks).toHaveLength(LIMITS.blocks);
    expect(message.text).toHaveLength(LIMITS.fallbackText);
    const last = message.blocks.at(-1);
    expect(
      last?.type === 'context' && 'text' in (last.elements[0] ?? {}) ? last.elements[0] : null,
    ).toMatchObject({
      text: expect.stringContaining('more parts of this message were left out'),
    });
    // The first 'dup' kept its id, the second was renamed; the long value was dropped, not cut.
    const actions = message.blocks.find((block) => block.type === 'actions');
    const ids =
      actions?.type === 'actions'
        ? actions.elements.map((element) => ('action_id' in element ? element.action_id : ''))
        : [];
    expect(ids[0]).toBe('dup~2');
    expect(ids).not.toContain('long-value');
    expect(ids).toHaveLength(LIMITS.actionsElements);
  });

  test('a message without blocks gets one from its text', () => {
    const message = finalizeMessage({ text: 'hello', blocks: [] });
    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }]);
    assertWithinLimits(message);
  });
});
