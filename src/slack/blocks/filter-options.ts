import { type ActionFilterOptions, type InvocationFilterOptions, NOT_A_USER } from '../../hcp/types.js';
import { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { workspaceLabel } from './links.js';
import { type ListUnit, renderList } from './list-layout.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn } from './mrkdwn.js';
import { type Noun, singlePage } from './paging.js';
import { inlineCode, plural, shortForText } from './phrases.js';
import { packLines, sectionBlock } from './primitives.js';

const PROVIDERS: Noun = { one: 'provider', other: 'providers' };
const INVOKERS: Noun = { one: 'invoker', other: 'invokers' };

/** A bulleted list, as many sections as it takes. */
function bulletUnits(lines: string[]): ListUnit[] {
  return packLines(lines).map((group) => ({
    blocks: [sectionBlock(group.join('\n'))],
    itemCount: group.length,
  }));
}

/** `providers <workspace>`: the providers the actions of a workspace come from. */
export function renderProviders(options: ActionFilterOptions, ctx: RenderContext): SlackMessage {
  const label =
    ctx.workspace && ctx.workspace.id === options.workspaceId
      ? workspaceLabel(ctx.workspace)
      : options.workspaceId;
  const count = options.providers.length;
  return renderList({
    title: `Providers of Terraform actions in ${label}`,
    intro: [`Filter the actions with ${code(`/tfactions actions ${options.workspaceId} provider:NAME`)}`],
    units: bulletUnits(options.providers.map((provider) => `• ${inlineCode(provider)}`)),
    itemCount: count,
    noun: PROVIDERS,
    pagination: singlePage(count),
    emptyText: `No providers: *${escapeMrkdwn(label)}* has no Terraform actions yet.`,
    text:
      count === 0
        ? `No Terraform actions in ${shortForText(label)}`
        : `${plural(count, 'provider', 'providers')} of Terraform actions in ${shortForText(label)}`,
    buttons: new ButtonMaker(ctx.encoder),
  });
}

function invokerLine(invoker: string): string {
  return invoker === NOT_A_USER ? `• no human actor (${code(NOT_A_USER)})` : `• ${inlineCode(invoker)}`;
}

/** `invokers <action-id>`: who has invoked an action, as `by:` takes them. */
export function renderInvokers(options: InvocationFilterOptions, ctx: RenderContext): SlackMessage {
  const count = options.invokedBy.length;
  return renderList({
    title: `Who invoked ${options.actionId}`,
    intro: [`Filter the runs with ${code(`/tfactions runs ${options.actionId} by:NAME`)}`],
    units: bulletUnits(options.invokedBy.map(invokerLine)),
    itemCount: count,
    noun: INVOKERS,
    pagination: singlePage(count),
    emptyText: `Nobody has invoked ${code(options.actionId)} yet.`,
    text:
      count === 0
        ? `Nobody has invoked ${shortForText(options.actionId)} yet`
        : `${plural(count, 'invoker', 'invokers')} of ${shortForText(options.actionId)}`,
    buttons: new ButtonMaker(ctx.encoder),
  });
}
