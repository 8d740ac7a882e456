import {
  decodeSlackEntities,
  findHiddenCharacter,
  quoteValue,
  type Token,
  tokenize,
} from '../../../src/slack/command/tokenize.js';

const word = (text: string): Token => ({ kind: 'word', text });
const filter = (key: string, value: string, source: string): Token => ({
  kind: 'filter',
  key,
  value,
  source,
});

describe('tokenize', () => {
  test.each<[string, Token[]]>([
    ['', []],
    ['  runs \t action-a  ', [word('runs'), word('action-a')]],
    ['Status:failed', [filter('status', 'failed', 'Status:failed')]],
    ['q:"web server" x', [filter('q', 'web server', 'q:"web server"'), word('x')]],
    ['q:\u201Cweb server\u201D', [filter('q', 'web server', 'q:\u201Cweb server\u201D')]],
    ['q:\u201Cmixed"', [filter('q', 'mixed', 'q:\u201Cmixed"')]],
    ['q:\u2018it is\u2019', [filter('q', 'it is', 'q:\u2018it is\u2019')]],
    ['q:"say \\"hi\\" \\\\ ok"', [filter('q', 'say "hi" \\ ok', 'q:"say \\"hi\\" \\\\ ok"')]],
    ['q:"a\\nb"', [filter('q', 'a\\nb', 'q:"a\\nb"')]],
    ['q:web["a"]', [filter('q', 'web["a"]', 'q:web["a"]')]],
    ['q:O\u2019Brien', [filter('q', 'O\u2019Brien', 'q:O\u2019Brien')]],
    ['by:system:not_a_user', [filter('by', 'system:not_a_user', 'by:system:not_a_user')]],
    ['"status:failed"', [word('status:failed')]],
    ['provider: aws', [filter('provider', '', 'provider:'), word('aws')]],
    ['12:30 :x', [word('12:30'), word(':x')]],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual({ ok: true, tokens });
  });

  test.each([
    ['q:"open', 'is never closed'],
    ['"open', 'is never closed'],
    ['q:\u2018open"', 'is never closed'],
    ['q:"a"b', 'has text right after its closing quote'],
  ])('refuses %j', (text, fragment) => {
    const result = tokenize(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });
});

test('decodeSlackEntities decodes once', () => {
  expect(decodeSlackEntities('a &amp; b &lt;c&gt; &amp;lt; &quot;')).toBe('a & b <c> &lt; &quot;');
});

test('findHiddenCharacter names the code point and the word', () => {
  expect(findHiddenCharacter('runs act\u200Bion x')).toEqual({ codePoint: 'U+200B', word: 'act\u200Bion' });
  expect(findHiddenCharacter('runs\tok\nfine')).toBeUndefined();
  expect(findHiddenCharacter('q:caf\u00E9')).toBeUndefined();
  expect(findHiddenCharacter('x\uD800')).toEqual({ codePoint: 'U+D800', word: 'x\uD800' });
});

test.each([
  'plain',
  'web server',
  '"starts with a quote',
  '\u201Csmart',
  '\u2018single',
  'back\\slash "and" quotes \u201Cboth\u201D',
  'mid"quote',
  'trailing\\',
  '',
])('quoteValue reads back: %j', (value) => {
  expect(tokenize(`q:${quoteValue(value)}`)).toEqual({
    ok: true,
    tokens: [{ kind: 'filter', key: 'q', value, source: `q:${quoteValue(value)}` }],
  });
});
