import { textOf } from './block-access.js';
import { asArray, asRecord, asString, type JsonRecord } from './json.js';
import { splitMrkdwn } from './mrkdwn.js';

/** What the terminal rendering needs of a message, a response_url post or an ephemeral message. */
export interface RenderableMessage {
  channel?: string;
  ts?: string;
  threadTs?: string;
  text?: string;
  blocks?: readonly unknown[];
  edited?: boolean;
  /** Shown on the first line, e.g. 'response_url · ephemeral'. */
  label?: string;
}

const FIELD_COLUMN_MAX = 40;
const COLUMN_GAP = 4;

/** A compact, readable, plain-text rendering of a Block Kit message, for terminals and logs. */
export function renderMessageText(message: RenderableMessage): string {
  const indent = message.threadTs ? '    ' : '  ';
  const body =
    message.blocks && message.blocks.length > 0 ? renderBlocks(message.blocks) : plainLines(message.text);
  return [titleLine(message), ...body.map((line) => (line === '' ? '' : indent + line))].join('\n');
}

function titleLine(message: RenderableMessage): string {
  const parts = [message.channel ? `#${message.channel}` : '(no channel)'];
  if (message.threadTs) parts.push(`↳ thread ${message.threadTs}`);
  if (message.ts) parts.push(`ts ${message.ts}`);
  if (message.label) parts.push(message.label);
  if (message.edited) parts.push('(edited)');
  return parts.join('  ');
}

function renderBlocks(blocks: readonly unknown[]): string[] {
  return blocks.flatMap((block) => {
    const record = asRecord(block);
    return record ? renderBlock(record) : [];
  });
}

function renderBlock(block: JsonRecord): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${textOf(block.text) ?? ''}`];
    case 'section':
      return renderSection(block);
    case 'context':
      return [asArray(block.elements).map(contextElementText).join('  ·  ')];
    case 'actions':
      return [asArray(block.elements).map(elementLabel).join('  ')];
    case 'divider':
      return ['────────────────────'];
    case 'image':
      return [`[image: ${asString(block.alt_text) ?? ''}]`];
    case 'markdown':
      return plainLines(asString(block.text));
    case 'rich_text':
      return plainLines(richText(block));
    default:
      return [`[${String(block.type)} block]`];
  }
}

function renderSection(block: JsonRecord): string[] {
  const lines = block.text === undefined ? [] : textObjectLines(block.text);
  const fields = asArray(block.fields).map(textObjectLines);
  for (let index = 0; index < fields.length; index += 2)
    lines.push(...twoColumns(fields[index] ?? [], fields[index + 1] ?? []));
  const accessory = asRecord(block.accessory);
  if (accessory) lines.push(elementLabel(accessory));
  return lines;
}

function twoColumns(left: string[], right: string[]): string[] {
  const width = Math.min(FIELD_COLUMN_MAX, Math.max(0, ...left.map((line) => line.length))) + COLUMN_GAP;
  const rows = Math.max(left.length, right.length);
  const lines: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const rightText = right[row] ?? '';
    const leftText = left[row] ?? '';
    lines.push(
      rightText === ''
        ? leftText
        : leftText + ' '.repeat(Math.max(COLUMN_GAP, width - leftText.length)) + rightText,
    );
  }
  return lines;
}

function textObjectLines(textObject: unknown): string[] {
  const record = asRecord(textObject);
  const text = textOf(record) ?? '';
  return record?.type === 'mrkdwn' ? plainLines(text) : text.split('\n');
}

function contextElementText(element: unknown): string {
  const record = asRecord(element);
  if (record?.type === 'image') return `[${asString(record.alt_text) ?? 'image'}]`;
  return textObjectLines(record).join(' ');
}

function elementLabel(element: unknown): string {
  const record = asRecord(element);
  switch (record?.type) {
    case 'button':
      return `[ ${textOf(record.text) ?? ''}${record.url ? ' ↗' : ''} ]`;
    case 'overflow':
      return '[ ⋯ ]';
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return `[ ${textOf(record.placeholder) ?? 'Select'} ▾ ]`;
    default:
      return `[ ${String(record?.type ?? 'element')} ]`;
  }
}

/** mrkdwn to terminal text: links as `label (url)`, mentions by name, entities unescaped. */
export function mrkdwnToPlain(text: string): string {
  return splitMrkdwn(text)
    .map((piece) => {
      if (piece.kind === 'link')
        return piece.label === piece.url ? piece.url : `${piece.label} (${piece.url})`;
      return piece.text;
    })
    .join('');
}

function plainLines(text: string | undefined): string[] {
  return text === undefined || text === '' ? [] : mrkdwnToPlain(text).split('\n');
}

function richText(block: JsonRecord): string {
  const collect = (value: unknown): string => {
    const record = asRecord(value);
    if (!record) return '';
    if (typeof record.text === 'string') return record.text;
    if (typeof record.url === 'string') return record.url;
    return asArray(record.elements).map(collect).join('');
  };
  return asArray(block.elements).map(collect).join('\n');
}
