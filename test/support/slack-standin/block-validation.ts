import { asArray, asRecord, asString, type JsonRecord } from './json.js';

/**
 * The Block Kit checks Slack applies to a message that matter for tfactions. A message failing any of them is
 * refused with `invalid_blocks`; each problem reads like Slack's `[ERROR] ... [json-pointer:/blocks/...]`.
 */
export const BLOCK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  contextElements: 10,
  actionsElements: 25,
  altText: 2000,
} as const;

const KNOWN_BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'image',
  'rich_text',
  'input',
  'markdown',
  'video',
  'file',
]);
const BUTTON_STYLES = new Set(['primary', 'danger']);

export function validateBlocks(blocks: unknown): string[] {
  const problems: string[] = [];
  const report = (pointer: string, message: string) =>
    problems.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  if (!Array.isArray(blocks)) {
    report('/blocks', 'must be an array');
    return problems;
  }
  if (blocks.length > BLOCK_LIMITS.blocks)
    report('/blocks', `no more than ${BLOCK_LIMITS.blocks} items allowed`);
  const seen = { actionIds: new Set<string>(), blockIds: new Set<string>() };
  blocks.forEach((block, index) => {
    validateBlock(block, `/blocks/${index}`, seen, report);
  });
  return problems;
}

type Report = (pointer: string, message: string) => void;
interface SeenIds {
  actionIds: Set<string>;
  blockIds: Set<string>;
}

function validateBlock(value: unknown, pointer: string, seen: SeenIds, report: Report): void {
  const block = asRecord(value);
  const type = asString(block?.type);
  if (!block || !type) {
    report(`${pointer}/type`, 'missing required field: type');
    return;
  }
  if (!KNOWN_BLOCK_TYPES.has(type)) {
    report(`${pointer}/type`, `unknown block type: ${type}`);
    return;
  }
  checkUniqueId(block.block_id, BLOCK_LIMITS.blockId, seen.blockIds, `${pointer}/block_id`, report);
  const validators: Record<string, () => void> = {
    section: () => validateSection(block, pointer, seen, report),
    header: () =>
      validateTextObject(block.text, `${pointer}/text`, BLOCK_LIMITS.headerText, report, 'plain_text'),
    context: () => validateContext(block, pointer, report),
    actions: () => validateActions(block, pointer, seen, report),
    image: () => validateImage(block, pointer, report),
  };
  validators[type]?.();
}

function validateSection(block: JsonRecord, pointer: string, seen: SeenIds, report: Report): void {
  if (block.text === undefined && block.fields === undefined)
    report(pointer, 'must provide a text or fields property');
  if (block.text !== undefined)
    validateTextObject(block.text, `${pointer}/text`, BLOCK_LIMITS.sectionText, report);
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields) || block.fields.length === 0)
      report(`${pointer}/fields`, 'must be a non-empty array');
    else if (block.fields.length > BLOCK_LIMITS.sectionFields)
      report(`${pointer}/fields`, `no more than ${BLOCK_LIMITS.sectionFields} items allowed`);
    asArray(block.fields).forEach((field, index) => {
      validateTextObject(field, `${pointer}/fields/${index}`, BLOCK_LIMITS.fieldText, report);
    });
  }
  if (block.accessory !== undefined) validateElement(block.accessory, `${pointer}/accessory`, seen, report);
}

function validateContext(block: JsonRecord, pointer: string, report: Report): void {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    report(`${pointer}/elements`, 'must be a non-empty array');
    return;
  }
  if (elements.length > BLOCK_LIMITS.contextElements)
    report(`${pointer}/elements`, `no more than ${BLOCK_LIMITS.contextElements} items allowed`);
  elements.forEach((element, index) => {
    const record = asRecord(element);
    const elementPointer = `${pointer}/elements/${index}`;
    if (record?.type === 'image') validateImage(record, elementPointer, report);
    else validateTextObject(element, elementPointer, BLOCK_LIMITS.sectionText, report);
  });
}

function validateActions(block: JsonRecord, pointer: string, seen: SeenIds, report: Report): void {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    report(`${pointer}/elements`, 'must be a non-empty array');
    return;
  }
  if (elements.length > BLOCK_LIMITS.actionsElements)
    report(`${pointer}/elements`, `no more than ${BLOCK_LIMITS.actionsElements} items allowed`);
  elements.forEach((element, index) => {
    validateElement(element, `${pointer}/elements/${index}`, seen, report);
  });
}

function validateImage(image: JsonRecord, pointer: string, report: Report): void {
  if (typeof image.image_url !== 'string' && image.slack_file === undefined)
    report(`${pointer}/image_url`, 'missing required field: image_url');
  const altText = asString(image.alt_text);
  if (altText === undefined) report(`${pointer}/alt_text`, 'missing required field: alt_text');
  else if (altText.length > BLOCK_LIMITS.altText)
    report(`${pointer}/alt_text`, `must be less than ${BLOCK_LIMITS.altText + 1} characters`);
}

function validateElement(value: unknown, pointer: string, seen: SeenIds, report: Report): void {
  const element = asRecord(value);
  const type = asString(element?.type);
  if (!element || !type) {
    report(`${pointer}/type`, 'missing required field: type');
    return;
  }
  checkUniqueId(element.action_id, BLOCK_LIMITS.actionId, seen.actionIds, `${pointer}/action_id`, report);
  if (type !== 'button') return;
  validateTextObject(element.text, `${pointer}/text`, BLOCK_LIMITS.buttonText, report, 'plain_text');
  checkOptionalLength(element.value, BLOCK_LIMITS.buttonValue, `${pointer}/value`, report);
  checkOptionalLength(element.url, BLOCK_LIMITS.buttonUrl, `${pointer}/url`, report);
  if (element.style !== undefined && !BUTTON_STYLES.has(String(element.style)))
    report(`${pointer}/style`, 'must be one of primary, danger');
}

function validateTextObject(
  value: unknown,
  pointer: string,
  maxLength: number,
  report: Report,
  requiredType?: 'plain_text',
): void {
  const textObject = asRecord(value);
  if (!textObject) {
    report(pointer, 'must be a text object');
    return;
  }
  const type = textObject.type;
  if (type !== 'plain_text' && type !== 'mrkdwn')
    report(`${pointer}/type`, 'must be one of plain_text, mrkdwn');
  else if (requiredType && type !== requiredType) report(`${pointer}/type`, `must be ${requiredType}`);
  const text = textObject.text;
  if (typeof text !== 'string') {
    report(`${pointer}/text`, 'missing required field: text');
    return;
  }
  if (text.length === 0) report(`${pointer}/text`, 'must be more than 0 characters');
  if (text.length > maxLength) report(`${pointer}/text`, `must be less than ${maxLength + 1} characters`);
}

function checkOptionalLength(value: unknown, maxLength: number, pointer: string, report: Report): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    report(pointer, 'must be a string');
    return;
  }
  if (value.length > maxLength) report(pointer, `must be less than ${maxLength + 1} characters`);
}

function checkUniqueId(
  value: unknown,
  maxLength: number,
  seen: Set<string>,
  pointer: string,
  report: Report,
): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0) {
    report(pointer, 'must be a non-empty string');
    return;
  }
  if (value.length > maxLength) report(pointer, `must be less than ${maxLength + 1} characters`);
  if (seen.has(value))
    report(pointer, `duplicate id ${JSON.stringify(value)}: must be unique within the message`);
  seen.add(value);
}
