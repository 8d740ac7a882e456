import type { Button, KnownBlock } from '@slack/types';
import type { RenderContext } from '../../../src/slack/blocks/context.js';
import type { SlackMessage } from '../../../src/slack/blocks/message.js';
import type { ButtonEncoder, ButtonPayload } from '../../../src/slack/buttons/payloads.js';
import { TFE_ADDRESS } from '../../fixtures/hcp-samples.js';
import { assertWithinLimits } from '../../support/block-kit-limits.js';

/** Readable button values: the payload as JSON. */
export const jsonEncoder: ButtonEncoder = { encode: (payload) => JSON.stringify(payload) };

export function queryContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return { encoder: jsonEncoder, tfeAddress: TFE_ADDRESS, buttonKind: 'query', ...overrides };
}

export interface ShownButton {
  label: string;
  actionId: string | undefined;
  payload: ButtonPayload | null;
  url: string | undefined;
}

export function buttonsOf(message: SlackMessage): ShownButton[] {
  const found: Button[] = [];
  for (const block of message.blocks) {
    if (block.type === 'section' && block.accessory?.type === 'button') found.push(block.accessory);
    if (block.type === 'actions')
      for (const element of block.elements) if (element.type === 'button') found.push(element);
  }
  return found.map((button) => ({
    label: button.text.text,
    actionId: button.action_id,
    payload: button.url === undefined && button.value ? (JSON.parse(button.value) as ButtonPayload) : null,
    url: button.url,
  }));
}

export function labelsOf(message: SlackMessage): string[] {
  return buttonsOf(message).map((button) => button.label);
}

export function headerOf(message: SlackMessage): string | undefined {
  const header = message.blocks.find((block) => block.type === 'header');
  return header?.type === 'header' ? header.text.text : undefined;
}

/** Every text of the message, joined: for "contains" assertions. */
export function allText(message: SlackMessage): string {
  return message.blocks.map(textOf).join('\n');
}

function textOf(block: KnownBlock): string {
  switch (block.type) {
    case 'header':
      return block.text.text;
    case 'section':
      return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)].join('\n');
    case 'context':
      return block.elements.map((element) => ('text' in element ? element.text : '')).join('\n');
    default:
      return '';
  }
}

export function fieldsOf(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'section' ? (block.fields ?? []).map((field) => field.text) : [],
  );
}

export function contextTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'context' ? block.elements.map((element) => ('text' in element ? element.text : '')) : [],
  );
}

/** Asserts Slack would take it, and hands it back for more assertions. */
export function checked(message: SlackMessage): SlackMessage {
  assertWithinLimits(message);
  return message;
}
