import type { ActionRunRef, Page, ResourceGroup } from '../../hcp/types.js';
import { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { invocationTraits } from './invocations.js';
import { LIMITS } from './limits.js';
import { type ListUnit, renderList } from './list-layout.js';
import type { SlackMessage } from './message.js';
import { code } from './mrkdwn.js';
import type { Noun } from './paging.js';
import { inlineCode, plural, shortForText } from './phrases.js';
import { sectionBlock } from './primitives.js';
import { runReference } from './run-summaries.js';
import { statusBadge } from './status.js';

const GROUPS: Noun = { one: 'resource group', other: 'resource groups' };
/** Room kept at the end of a group's section for the "… and N more" line. */
const MORE_LINE_ROOM = 80;

/** One section per resource: its aggregate status, then its invocations, as many as fit. */
function groupText(group: ResourceGroup): string {
  const head = `${statusBadge(group.aggregateInvocationStatus)} · ${inlineCode(group.triggeringResourceAddress || group.id)}`;
  const lines = [head];
  let length = head.length;
  let shown = 0;
  for (const invocation of group.invocations) {
    const traits = invocationTraits(invocation);
    const line = `    ${statusBadge(invocation.finalStatus)}${traits.length > 0 ? ` · ${traits.join(' · ')}` : ''}`;
    if (length + 1 + line.length > LIMITS.sectionText - MORE_LINE_ROOM) break;
    lines.push(line);
    length += 1 + line.length;
    shown += 1;
  }
  if (group.invocations.length === 0) lines.push('    no invocations');
  if (shown < group.invocations.length)
    lines.push(
      `    … and ${plural(group.invocations.length - shown, 'more invocation', 'more invocations')} (narrow with \`q:\`)`,
    );
  return lines.join('\n');
}

/** `resources <action-id> <run-id>`: lifecycle invocations grouped by the resource that triggered them. */
export function renderResourceGroups(
  page: Page<ResourceGroup>,
  ids: ActionRunRef,
  ctx: RenderContext,
): SlackMessage {
  const buttons = new ButtonMaker(ctx.encoder);
  const units: ListUnit[] = page.items.map((group) => ({
    blocks: [sectionBlock(groupText(group))],
    itemCount: 1,
  }));
  const total = page.pagination.totalCount ?? page.counts?.['resource-groups'] ?? null;
  const failing = page.items.filter((group) => group.aggregateInvocationStatus === 'not_successful').length;
  const subject = `${shortForText(ids.actionId)} in ${shortForText(ids.runId)}`;
  const text =
    page.items.length === 0
      ? `No resource groups of ${subject} match this query`
      : `${plural(total ?? page.items.length, 'resource group', 'resource groups')} of ${subject}${failing > 0 ? `, ${failing} not successful on this page` : ''}`;
  return renderList({
    title: `Resource groups of ${ids.actionId} in ${ids.runId}`,
    intro: [
      `Lifecycle invocations by triggering resource · run ${runReference(ctx.tfeAddress, ctx.workspace, ids.runId)} · action ${code(ids.actionId)}`,
    ],
    units,
    itemCount: page.items.length,
    noun: GROUPS,
    pagination: page.pagination,
    totalCount: total,
    emptyText: 'No resource groups match this query. Try without `status:` or `q:`; direct runs have none.',
    text,
    ctx,
    buttons,
  });
}
