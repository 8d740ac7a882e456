import type { ActionsBlock, KnownBlock } from '@slack/types';
import { isValidId } from '../../hcp/ids.js';
import type { Action, Page, Workspace } from '../../hcp/types.js';
import { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { workspaceLabel, workspaceUrl } from './links.js';
import { type ListUnit, renderList } from './list-layout.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn, link } from './mrkdwn.js';
import type { Noun } from './paging.js';
import { inlineCode, instancePhrase, moduleLabel, optionalCode, plural, shortForText } from './phrases.js';
import { actionsBlock, sectionBlock } from './primitives.js';

const ACTIONS: Noun = { one: 'action', other: 'actions' };

/** The "Runs" and "Failed runs" buttons of one action (also on its detail view). */
export function actionRunButtons(
  actionId: string,
  ctx: RenderContext,
  buttons: ButtonMaker,
): ActionsBlock | null {
  if (!isValidId('action', actionId)) return null;
  return actionsBlock([
    buttons.make('Runs', { kind: ctx.buttonKind, command: `runs ${actionId}` }),
    buttons.make('Failed runs', { kind: ctx.buttonKind, command: `runs ${actionId} status:not_successful` }),
  ]);
}

function isNamed(workspace: Workspace | { id: string }): workspace is Workspace {
  return 'name' in workspace && 'organization' in workspace;
}

function actionUnit(action: Action, ctx: RenderContext, buttons: ButtonMaker): ListUnit {
  const facts = [
    `Provider ${optionalCode(action.provider)}`,
    `Module ${moduleLabel(action.moduleAddress)}`,
    instancePhrase(action),
  ];
  if (action.invocationCount !== null)
    facts.push(plural(action.invocationCount, 'invocation', 'invocations'));
  const text = [`*${inlineCode(action.address)}*`, facts.join(' · '), code(action.id)].join('\n');
  const blocks: KnownBlock[] = [sectionBlock(text)];
  const runButtons = actionRunButtons(action.id, ctx, buttons);
  if (runButtons) blocks.push(runButtons);
  return { blocks, itemCount: 1 };
}

/** `actions <workspace>`: one section per action with its Runs / Failed runs buttons. */
export function renderActionList(
  page: Page<Action>,
  workspace: Workspace | { id: string },
  ctx: RenderContext,
): SlackMessage {
  const buttons = new ButtonMaker(ctx.encoder);
  const named = isNamed(workspace) ? workspace : undefined;
  const label = named ? workspaceLabel(named) : workspace.id;
  const intro = named
    ? [`${link(workspaceUrl(ctx.tfeAddress, named), label)} · ${code(named.id)}`]
    : [code(workspace.id)];
  const units = page.items.map((action) => actionUnit(action, ctx, buttons));
  const count = page.pagination.totalCount ?? page.items.length;
  const text =
    page.items.length === 0
      ? `No Terraform actions match this query in ${shortForText(label)}`
      : `${plural(count, 'Terraform action', 'Terraform actions')} in ${shortForText(label)}`;
  return renderList({
    title: `Terraform actions in ${label}`,
    intro,
    units,
    itemCount: page.items.length,
    noun: ACTIONS,
    pagination: page.pagination,
    emptyText: `No actions match this query in *${escapeMrkdwn(label)}*. Try fewer filters, or \`/tfactions providers ${escapeMrkdwn(workspace.id)}\` to see which providers have actions here.`,
    text,
    ctx,
    buttons,
  });
}
