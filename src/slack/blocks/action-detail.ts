import type { KnownBlock } from '@slack/types';
import type { Action } from '../../hcp/types.js';
import { actionRunButtons } from './actions.js';
import { ButtonMaker, TOO_LONG_BUTTONS_NOTE } from './buttons.js';
import type { RenderContext } from './context.js';
import { finalizeMessage, LIMITS } from './limits.js';
import { workspaceLabel, workspaceUrl } from './links.js';
import type { SlackMessage } from './message.js';
import { code, isHttpUrl, link, slackDate } from './mrkdwn.js';
import {
  inlineCode,
  instancePhrase,
  moduleLabel,
  moduleWords,
  optionalCode,
  plural,
  shortForText,
  UNKNOWN,
} from './phrases.js';
import {
  actionsBlock,
  contextBlock,
  fieldsBlock,
  headerBlock,
  packLines,
  sectionBlock,
} from './primitives.js';

/** for_each keys beyond what the Instances field shows get their own section, up to this many. */
const FOR_EACH_SECTIONS = 3;

function workspaceField(action: Action, ctx: RenderContext): string {
  const workspace = ctx.workspace;
  if (workspace && workspace.id === action.workspaceId)
    return `*Workspace*\n${link(workspaceUrl(ctx.tfeAddress, workspace), workspaceLabel(workspace))}`;
  return `*Workspace*\n${action.workspaceId ? code(action.workspaceId) : 'unknown'}`;
}

function forEachBlocks(action: Action): KnownBlock[] {
  const keys = action.forEachValues ?? [];
  if (action.instanceType !== 'for_each' || keys.length === 0) return [];
  const groups = packLines(
    keys.map((key) => `• ${inlineCode(key)}`),
    LIMITS.sectionText - 40,
  );
  const blocks: KnownBlock[] = groups
    .slice(0, FOR_EACH_SECTIONS)
    .map((group, index) =>
      sectionBlock(index === 0 ? `*for_each keys*\n${group.join('\n')}` : group.join('\n')),
    );
  const shownKeys = groups.slice(0, FOR_EACH_SECTIONS).reduce((sum, group) => sum + group.length, 0);
  if (shownKeys < keys.length)
    blocks.push(
      contextBlock([`${plural(keys.length - shownKeys, 'more key is', 'more keys are')} not shown.`]),
    );
  return blocks;
}

/** `action <action-id>`: every fact of one action, its documentation link, Runs / Failed runs. */
export function renderActionDetail(action: Action, ctx: RenderContext): SlackMessage {
  const buttons = new ButtonMaker(ctx.encoder);
  const fields = [
    `*Provider*\n${optionalCode(action.provider)}`,
    `*Module*\n${moduleLabel(action.moduleAddress)}`,
    `*Instances*\n${instancePhrase(action, 3)}`,
    `*Invocations*\n${action.invocationCount === null ? 'unknown' : action.invocationCount.toLocaleString('en-US')}`,
    workspaceField(action, ctx),
    `*Last invocation*\n${action.lastInvocationId ? code(action.lastInvocationId) : 'never invoked'}`,
    `*Created*\n${slackDate(action.createdAt)}`,
    `*Updated*\n${slackDate(action.updatedAt)}`,
  ];
  const blocks: KnownBlock[] = [
    headerBlock(action.address),
    sectionBlock(`*${inlineCode(action.address, 2000)}*\n${code(action.id)}`),
    fieldsBlock(fields),
    ...forEachBlocks(action),
  ];
  if (action.documentationUrl !== null) {
    blocks.push(
      sectionBlock(
        isHttpUrl(action.documentationUrl)
          ? `:book: ${link(action.documentationUrl, 'Documentation')}`
          : `:book: Documentation: ${inlineCode(action.documentationUrl)}`,
      ),
    );
  }
  const runButtons = actionRunButtons(action.id, ctx, buttons);
  const share =
    ctx.shareable && ctx.commandForPage
      ? buttons.make('Share in channel', { kind: 'share', command: ctx.commandForPage(1) })
      : null;
  if (runButtons) {
    if (share) runButtons.elements.push(share);
    blocks.push(runButtons);
  } else {
    const shareOnly = actionsBlock([share]);
    if (shareOnly) blocks.push(shareOnly);
  }
  if (buttons.dropped > 0) blocks.push(contextBlock([TOO_LONG_BUTTONS_NOTE]));
  const invocations =
    action.invocationCount === null ? '' : `: ${plural(action.invocationCount, 'invocation', 'invocations')}`;
  return finalizeMessage({
    text: `Terraform action ${shortForText(action.address)} (${shortForText(action.provider ?? UNKNOWN)}, ${moduleWords(action.moduleAddress)})${invocations}`,
    blocks,
  });
}
