import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { LIMITS, truncate, truncateMrkdwn } from './limits.js';

/** Block constructors that shorten their text to Block Kit's limits as they build. */

export function plainText(text: string): PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

/** verbatim: our mrkdwn is complete as written; Slack must not turn bare names into mentions or links. */
export function mrkdwnText(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max), verbatim: true };
}

export function headerBlock(text: string): HeaderBlock {
  return { type: 'header', text: plainText(truncate(text, LIMITS.headerText)) };
}

export function sectionBlock(text: string, accessory?: Button | null): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwnText(text) };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fieldsBlock(fields: readonly string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, LIMITS.sectionFields).map((field) => mrkdwnText(field, LIMITS.fieldText)),
  };
}

export function contextBlock(parts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: parts.slice(0, LIMITS.contextElements).map((part) => mrkdwnText(part, LIMITS.contextText)),
  };
}

/** null when no button is left (an actions block must have one). */
export function actionsBlock(buttons: readonly (Button | null)[]): ActionsBlock | null {
  const elements = buttons.filter((button): button is Button => button !== null);
  return elements.length === 0
    ? null
    : { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements) };
}

/**
 * Groups lines into texts of at most `max` characters, each line whole where it fits (a single longer line
 * is shortened), in order.
 */
export function packLines(lines: readonly string[], max: number = LIMITS.sectionText): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max);
    const added = current.length === 0 ? line.length : line.length + 1;
    if (current.length > 0 && length + added > max) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += current.length === 0 ? line.length : line.length + 1;
    current.push(line);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
