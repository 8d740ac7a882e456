import type { Button, SectionBlock } from '@slack/types';
import { LIMITS } from '../../src/slack/blocks/limits.js';
import type { SlackMessage } from '../../src/slack/blocks/message.js';

/**
 * The Block Kit limits of src/slack/blocks/limits.ts, checked on a built message: tests call it on what the
 * builders return. (The Slack stand-in has its own, independent checks in slack-standin/block-validation.ts.)
 */

/** Every way `message` would be refused by Slack (or break our one-action_id-per-button rule). */
export function findLimitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  checkLength(problems, 'text', message.text, LIMITS.fallbackText);
  if (message.blocks.length === 0) problems.push('the message has no blocks');
  if (message.blocks.length > LIMITS.blocks)
    problems.push(`${message.blocks.length} blocks, more than ${LIMITS.blocks}`);
  message.blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${block.type})`;
    if (block.block_id !== undefined) {
      checkLength(problems, `${where}.block_id`, block.block_id, LIMITS.blockId);
      if (blockIds.has(block.block_id)) problems.push(`${where}: block_id ${block.block_id} is used twice`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        checkLength(problems, `${where}.text`, block.text.text, LIMITS.headerText);
        break;
      case 'section':
        checkSection(problems, where, block, actionIds);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > LIMITS.contextElements)
          problems.push(
            `${where}: ${block.elements.length} elements, expected 1 to ${LIMITS.contextElements}`,
          );
        block.elements.forEach((element, i) => {
          if (element.type === 'plain_text' || element.type === 'mrkdwn')
            checkLength(problems, `${where}.elements[${i}]`, element.text, LIMITS.contextText);
        });
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > LIMITS.actionsElements)
          problems.push(
            `${where}: ${block.elements.length} elements, expected 1 to ${LIMITS.actionsElements}`,
          );
        block.elements.forEach((element, i) => {
          if (element.type === 'button') checkButton(problems, `${where}.elements[${i}]`, element, actionIds);
        });
        break;
      default:
        break;
    }
  });
  return problems;
}

/** Throws with every violation listed; tests and debug builds call it on whatever they are about to send. */
export function assertWithinLimits(message: SlackMessage): void {
  const problems = findLimitViolations(message);
  if (problems.length > 0)
    throw new RangeError(`message exceeds Block Kit limits:\n- ${problems.join('\n- ')}`);
}

function checkSection(problems: string[], where: string, block: SectionBlock, actionIds: Set<string>): void {
  if (block.text === undefined && (block.fields === undefined || block.fields.length === 0))
    problems.push(`${where}: neither text nor fields`);
  if (block.text !== undefined) checkLength(problems, `${where}.text`, block.text.text, LIMITS.sectionText);
  if (block.fields !== undefined) {
    if (block.fields.length > LIMITS.sectionFields)
      problems.push(`${where}: ${block.fields.length} fields, more than ${LIMITS.sectionFields}`);
    block.fields.forEach((field, i) => {
      checkLength(problems, `${where}.fields[${i}]`, field.text, LIMITS.fieldText);
    });
  }
  if (block.accessory?.type === 'button')
    checkButton(problems, `${where}.accessory`, block.accessory, actionIds);
}

function checkButton(problems: string[], where: string, button: Button, actionIds: Set<string>): void {
  checkLength(problems, `${where}.text`, button.text.text, LIMITS.buttonText);
  if (button.value !== undefined && button.value.length > LIMITS.buttonValue)
    problems.push(`${where}.value: ${button.value.length} characters, more than ${LIMITS.buttonValue}`);
  if (button.url !== undefined) checkLength(problems, `${where}.url`, button.url, LIMITS.buttonUrl);
  if (button.action_id === undefined) {
    problems.push(`${where}: no action_id`);
    return;
  }
  checkLength(problems, `${where}.action_id`, button.action_id, LIMITS.actionId);
  if (actionIds.has(button.action_id)) problems.push(`${where}: action_id ${button.action_id} is used twice`);
  actionIds.add(button.action_id);
}

function checkLength(problems: string[], where: string, text: string, max: number): void {
  if (text.trim() === '') problems.push(`${where} is empty`);
  else if (text.length > max) problems.push(`${where}: ${text.length} characters, more than ${max}`);
}
