/** Slack's angle-bracket syntax split into pieces both renderers can draw; entities are unescaped. */
export type MrkdwnPiece =
  | { kind: 'text'; text: string }
  | { kind: 'link'; url: string; label: string }
  | { kind: 'mention'; text: string };

const ANGLE_TOKEN = /<([^<>]+)>/g;

export function splitMrkdwn(source: string): MrkdwnPiece[] {
  const pieces: MrkdwnPiece[] = [];
  let cursor = 0;
  for (const match of source.matchAll(ANGLE_TOKEN)) {
    const start = match.index ?? 0;
    if (start > cursor) pieces.push({ kind: 'text', text: unescapeEntities(source.slice(cursor, start)) });
    pieces.push(pieceOf(match[1] ?? ''));
    cursor = start + match[0].length;
  }
  if (cursor < source.length) pieces.push({ kind: 'text', text: unescapeEntities(source.slice(cursor)) });
  return pieces;
}

function pieceOf(inner: string): MrkdwnPiece {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? unescapeEntities(inner.slice(bar + 1)) : undefined;
  if (target.startsWith('@')) return { kind: 'mention', text: label ? `@${label}` : target };
  if (target.startsWith('#')) return { kind: 'mention', text: label ? `#${label}` : target };
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0] ?? '';
    return { kind: 'mention', text: label ?? `@${name}` };
  }
  const url = unescapeEntities(target);
  return { kind: 'link', url, label: label ?? url };
}

export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
