import type { ActionRunRef, Invocation, Page, ResourceGroupInvocation } from '../../hcp/types.js';
import { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { truncate } from './limits.js';
import { type ListUnit, renderList } from './list-layout.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn } from './mrkdwn.js';
import type { Noun } from './paging.js';
import { INLINE_VALUE_MAX, inlineCode, plural, shortForText } from './phrases.js';
import { packLines, sectionBlock } from './primitives.js';
import { runReference } from './run-summaries.js';
import { statusBadge } from './status.js';

const INVOCATIONS: Noun = { one: 'invocation', other: 'invocations' };

/** `key \`k\` · AfterCreate`: what tells one invocation from another, shared with resource groups. */
export function invocationTraits(
  invocation: Pick<ResourceGroupInvocation, 'actionKey' | 'actionTriggerEvent'>,
): string[] {
  const traits: string[] = [];
  if (invocation.actionKey !== null) traits.push(`key ${inlineCode(invocation.actionKey)}`);
  if (invocation.actionTriggerEvent !== null)
    traits.push(escapeMrkdwn(truncate(invocation.actionTriggerEvent, INLINE_VALUE_MAX)));
  return traits;
}

function invocationLine(invocation: Invocation): string {
  const parts = [statusBadge(invocation.finalStatus), ...invocationTraits(invocation)];
  if (invocation.triggeringResourceAddress !== null)
    parts.push(`on ${inlineCode(invocation.triggeringResourceAddress)}`);
  if (invocation.actionsListIndex !== null) parts.push(`list index ${invocation.actionsListIndex}`);
  if (invocation.actionTriggerBlockIndex !== null)
    parts.push(`trigger block ${invocation.actionTriggerBlockIndex}`);
  return parts.join(' · ');
}

/** `invocations <action-id> <run-id>`: one line per invocation, in the order received (execution order). */
export function renderInvocations(
  page: Page<Invocation>,
  ids: ActionRunRef,
  ctx: RenderContext,
): SlackMessage {
  const buttons = new ButtonMaker(ctx.encoder);
  const units: ListUnit[] = packLines(page.items.map(invocationLine)).map((group) => ({
    blocks: [sectionBlock(group.join('\n'))],
    itemCount: group.length,
  }));
  const total = page.pagination.totalCount ?? page.counts?.['invocations'] ?? null;
  const failed = page.items.filter((invocation) => invocation.finalStatus === 'failed').length;
  const subject = `${shortForText(ids.actionId)} in ${shortForText(ids.runId)}`;
  const text =
    page.items.length === 0
      ? `No invocations of ${subject} match this query`
      : `${plural(total ?? page.items.length, 'invocation', 'invocations')} of ${subject}${failed > 0 ? `, ${failed} failed on this page` : ''}`;
  return renderList({
    title: `Invocations of ${ids.actionId} in ${ids.runId}`,
    intro: [`Run ${runReference(ctx.tfeAddress, ctx.workspace, ids.runId)} · action ${code(ids.actionId)}`],
    units,
    itemCount: page.items.length,
    noun: INVOCATIONS,
    pagination: page.pagination,
    totalCount: total,
    emptyText: 'No invocations match this query. Try without `status:` or `q:`.',
    text,
    ctx,
    buttons,
  });
}
