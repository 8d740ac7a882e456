import { asArray, asRecord, asString } from './json.js';

/** The text of a Block Kit text object (plain_text or mrkdwn), or undefined when it is not one. */
export function textOf(textObject: unknown): string | undefined {
  return asString(asRecord(textObject)?.text);
}

export interface ButtonInfo {
  actionId?: string;
  blockId?: string;
  text: string;
  value?: string;
  url?: string;
  style?: string;
}

/** Every button of a message: actions elements and section accessories, in display order. */
export function listButtons(blocks: readonly unknown[]): ButtonInfo[] {
  const buttons: ButtonInfo[] = [];
  for (const block of blocks) {
    const record = asRecord(block);
    if (!record) continue;
    const blockId = asString(record.block_id);
    const candidates = record.type === 'actions' ? asArray(record.elements) : [record.accessory];
    for (const candidate of candidates) {
      const element = asRecord(candidate);
      if (element?.type !== 'button') continue;
      buttons.push(
        dropUndefined({
          actionId: asString(element.action_id),
          blockId,
          text: textOf(element.text) ?? '',
          value: asString(element.value),
          url: asString(element.url),
          style: asString(element.style),
        }),
      );
    }
  }
  return buttons;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
