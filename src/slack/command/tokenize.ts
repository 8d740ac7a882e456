import { HIDDEN_CHARACTER, shown } from './problem.js';

/** A positional word, or a `key:value` filter (key lowercased; value unquoted and unescaped). */
export type Token =
  | { kind: 'word'; text: string }
  | { kind: 'filter'; key: string; value: string; source: string };

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; message: string };

// Slack clients may turn typed quotes into typographic ones, and not always into a matching pair.
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D']);
const SINGLE_QUOTES = new Set(['\u2018', '\u2019']);
const ESCAPABLE = new Set(['\\', ...DOUBLE_QUOTES, ...SINGLE_QUOTES]);
const WHITESPACE = /\s/;
const FILTER_KEY = /[A-Za-z][A-Za-z0-9_-]*:/y;
const SLACK_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** Slack escapes `&`, `<` and `>` in command text; one pass, so `&amp;lt;` stays `&lt;`. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (entity, name: string) => SLACK_ENTITIES[name] ?? entity);
}

/** The inverse of decodeSlackEntities: text as Slack would send it. */
export function encodeSlackEntities(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The first invisible or control character of the text and the word around it, if there is one. */
export function findHiddenCharacter(text: string): { codePoint: string; word: string } | undefined {
  const match = HIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  const start = lastWhitespaceBefore(text, match.index) + 1;
  // Some hidden characters (U+FEFF) count as whitespace: the word must still include the one found.
  const end = firstWhitespaceFrom(text, match.index + match[0].length);
  const code = match[0].codePointAt(0) ?? 0;
  return { codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, word: text.slice(start, end) };
}

/**
 * Splits command text into words and `key:value` filters. A word or a filter value may be quoted
 * (`q:"web server"`); inside quotes a backslash escapes a quote or a backslash. Quotes in the middle of a
 * word are literal (`q:web["a"]`).
 */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    if (isWhitespace(text, position)) {
      position++;
      continue;
    }
    const start = position;
    FILTER_KEY.lastIndex = position;
    const key = FILTER_KEY.exec(text);
    if (key) position += key[0].length;
    const piece = readPiece(text, position);
    if (!piece.ok) return piece;
    position = piece.end;
    tokens.push(
      key
        ? {
            kind: 'filter',
            key: key[0].slice(0, -1).toLowerCase(),
            value: piece.text,
            source: text.slice(start, position),
          }
        : { kind: 'word', text: piece.text },
    );
  }
  return { ok: true, tokens };
}

/** A value as the tokenizer reads it back: quoted and escaped only when it has to be. */
export function quoteValue(value: string): string {
  const needsQuotes = value === '' || WHITESPACE.test(value) || isOpeningQuote(value[0]);
  if (!needsQuotes) return value;
  return `"${value.replace(/[\\"\u201C\u201D]/g, (character) => `\\${character}`)}"`;
}

type Piece = { ok: true; text: string; end: number } | { ok: false; message: string };

function readPiece(text: string, start: number): Piece {
  if (isOpeningQuote(text[start])) return readQuoted(text, start);
  let end = start;
  while (end < text.length && !isWhitespace(text, end)) end++;
  return { ok: true, text: text.slice(start, end), end };
}

function readQuoted(text: string, start: number): Piece {
  const closers = DOUBLE_QUOTES.has(text[start] ?? '') ? DOUBLE_QUOTES : SINGLE_QUOTES;
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    const character = text[position] ?? '';
    const next = text[position + 1];
    if (character === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      value += next;
      position += 2;
    } else if (closers.has(character)) {
      const end = position + 1;
      if (end < text.length && !isWhitespace(text, end)) {
        const word = text.slice(start, firstWhitespaceFrom(text, end));
        return { ok: false, message: `${shown(word)} has text right after its closing quote; add a space` };
      }
      return { ok: true, text: value, end };
    } else {
      value += character;
      position++;
    }
  }
  return { ok: false, message: `the quote that opens ${shown(text.slice(start))} is never closed` };
}

function isOpeningQuote(character: string | undefined): boolean {
  return character !== undefined && (DOUBLE_QUOTES.has(character) || SINGLE_QUOTES.has(character));
}

function isWhitespace(text: string, index: number): boolean {
  return WHITESPACE.test(text[index] ?? '');
}

function lastWhitespaceBefore(text: string, index: number): number {
  let position = index - 1;
  while (position >= 0 && !isWhitespace(text, position)) position--;
  return position;
}

function firstWhitespaceFrom(text: string, index: number): number {
  let position = index;
  while (position < text.length && !isWhitespace(text, position)) position++;
  return position;
}
