import type {
  ActionsBlock,
  Button,
  ContextBlock,
  ContextBlockElement,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
  TextObject,
} from '@slack/types';
import type { SlackMessage } from './message.js';

/** Block Kit limits, in one place. Lengths are UTF-16 units, never fewer than the characters Slack counts. */
export const LIMITS = Object.freeze({
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  /** Slack cuts `text` at 40,000; a notification only needs a sentence. */
  fallbackText: 3000,
});

export const ELLIPSIS = '…';

/** Shortens plain text to at most `max` units, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${sliceWhole(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}

/**
 * Like truncate, for mrkdwn: never cuts inside a `<...>` sequence (link, mention, date) or an `&...;` entity,
 * so a shortened text still renders and never leaks half a URL.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - ELLIPSIS.length;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0) {
    const close = text.indexOf('>', open);
    if (close < 0 || close >= cut) cut = open;
  }
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && !text.slice(amp, cut).includes(';') && cut - amp < 6) cut = amp;
  return `${sliceWhole(text, cut).trimEnd()}${ELLIPSIS}`;
}

/** A prefix of at most `end` units that does not split a surrogate pair. */
function sliceWhole(text: string, end: number): string {
  if (end <= 0) return '';
  const code = text.charCodeAt(end - 1);
  const splitsPair = end > 0 && code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}

/** Slack refuses empty text objects. */
function nonBlank(text: string, fallback: string): string {
  return text.trim() === '' ? fallback : text;
}

// ---------------------------------------------------------------------------------------------------------
// Clamping

/**
 * The last step of every builder: returns a message Slack cannot refuse. Builders already budget their
 * content; this catches what slipped through, and says so in the message rather than cutting silently.
 */
export function finalizeMessage(message: SlackMessage): SlackMessage {
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const blocks: KnownBlock[] = [];
  for (const block of message.blocks) {
    const clamped = clampBlock(block, actionIds);
    if (clamped === null) continue;
    if (clamped.block_id !== undefined) {
      if (blockIds.has(clamped.block_id) || clamped.block_id.length > LIMITS.blockId) delete clamped.block_id;
      else blockIds.add(clamped.block_id);
    }
    blocks.push(clamped);
  }
  const text = truncateMrkdwn(nonBlank(message.text, 'tfactions'), LIMITS.fallbackText);
  if (blocks.length === 0) blocks.push(plainSection(text));
  if (blocks.length > LIMITS.blocks) {
    const left = blocks.length - (LIMITS.blocks - 1);
    blocks.length = LIMITS.blocks - 1;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:warning: ${left} more parts of this message were left out.` }],
    });
  }
  return { text, blocks };
}

function plainSection(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.sectionText) } };
}

function clampBlock(block: KnownBlock, actionIds: Set<string>): KnownBlock | null {
  switch (block.type) {
    case 'header':
      return clampHeader(block);
    case 'section':
      return clampSection(block, actionIds);
    case 'context':
      return clampContext(block);
    case 'actions':
      return clampActions(block, actionIds);
    default:
      return { ...block };
  }
}

function clampHeader(block: HeaderBlock): HeaderBlock {
  const text = truncate(nonBlank(block.text.text, 'tfactions'), LIMITS.headerText);
  return { ...block, text: { ...block.text, text } };
}

function clampSection(block: SectionBlock, actionIds: Set<string>): SectionBlock | null {
  const fields = block.fields
    ?.slice(0, LIMITS.sectionFields)
    .map((field) => clampText(field, LIMITS.fieldText, '—'));
  const hasFields = fields !== undefined && fields.length > 0;
  const clamped: SectionBlock = { ...block };
  if (block.text !== undefined) clamped.text = clampText(block.text, LIMITS.sectionText, '—');
  if (hasFields) clamped.fields = fields;
  else delete clamped.fields;
  if (clamped.text === undefined && !hasFields) return null;
  if (block.accessory?.type === 'button') {
    const button = clampButton(block.accessory, actionIds);
    if (button === null) delete clamped.accessory;
    else clamped.accessory = button;
  }
  return clamped;
}

function clampContext(block: ContextBlock): ContextBlock | null {
  const elements = block.elements
    .slice(0, LIMITS.contextElements)
    .map(
      (element): ContextBlockElement =>
        element.type === 'plain_text' || element.type === 'mrkdwn'
          ? clampText(element, LIMITS.contextText, '—')
          : element,
    );
  return elements.length === 0 ? null : { ...block, elements };
}

function clampActions(block: ActionsBlock, actionIds: Set<string>): ActionsBlock | null {
  const elements: ActionsBlock['elements'] = [];
  for (const element of block.elements) {
    if (elements.length === LIMITS.actionsElements) break;
    if (element.type !== 'button') {
      elements.push(element);
      continue;
    }
    const button = clampButton(element, actionIds);
    if (button !== null) elements.push(button);
  }
  return elements.length === 0 ? null : { ...block, elements };
}

/** A signed value cannot be shortened: a button whose value or URL is too long is dropped. */
function clampButton(button: Button, actionIds: Set<string>): Button | null {
  if (button.value !== undefined && button.value.length > LIMITS.buttonValue) return null;
  if (button.url !== undefined && button.url.length > LIMITS.buttonUrl) return null;
  const text = { ...button.text, text: truncate(nonBlank(button.text.text, 'Open'), LIMITS.buttonText) };
  const clamped: Button = { ...button, text };
  if (button.action_id !== undefined) clamped.action_id = uniqueActionId(button.action_id, actionIds);
  return clamped;
}

function uniqueActionId(wanted: string, taken: Set<string>): string {
  let candidate = wanted.slice(0, LIMITS.actionId);
  for (let n = 2; taken.has(candidate); n += 1) {
    const suffix = `~${n}`;
    candidate = `${wanted.slice(0, LIMITS.actionId - suffix.length)}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}

function clampText<T extends TextObject>(element: T, max: number, fallback: string): T {
  const text = nonBlank(element.text, fallback);
  return {
    ...element,
    text: element.type === 'mrkdwn' ? truncateMrkdwn(text, max) : truncate(text, max),
  };
}
