import type { Button, KnownBlock } from '@slack/types';
import { isValidId, parseRunSummaryId } from '../../hcp/ids.js';
import type { Action, ActionRunRef, Page, RunSummary, Workspace } from '../../hcp/types.js';
import type { ButtonKind } from '../buttons/payloads.js';
import { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { runUrl, workspaceLabel, workspaceUrl } from './links.js';
import { type ListUnit, renderList } from './list-layout.js';
import type { SlackMessage } from './message.js';
import { code, link, slackDate } from './mrkdwn.js';
import type { Noun } from './paging.js';
import { countsPhrase, invokerName, methodLabel, plural, shortForText } from './phrases.js';
import { actionsBlock, sectionBlock } from './primitives.js';
import { statusBadge } from './status.js';

const RUNS: Noun = { one: 'run', other: 'runs' };

/** The action and run of a summary; the summary ID `<action>:<run>` fills in what the relationships lack. */
export function summaryIds(summary: RunSummary): ActionRunRef {
  const parsed = parseRunSummaryId(summary.id);
  return {
    actionId: summary.actionId || parsed?.actionId || '',
    runId: summary.runId || parsed?.runId || '',
  };
}

/** The run ID, linked to the run when the workspace is known. */
export function runReference(tfeAddress: string, workspace: Workspace | undefined, runId: string): string {
  return workspace ? link(runUrl(tfeAddress, workspace, runId), runId) : code(runId);
}

/** "Invocations" and, for lifecycle runs, "Resource groups": drill-downs into one run of one action. */
export function drillDownButtons(
  summary: RunSummary,
  kind: Extract<ButtonKind, 'query' | 'thread'>,
  buttons: ButtonMaker,
): (Button | null)[] {
  const { actionId, runId } = summaryIds(summary);
  if (!isValidId('action', actionId) || !isValidId('run', runId)) return [];
  const result = [buttons.make('Invocations', { kind, command: `invocations ${actionId} ${runId}` })];
  // A method the API reference does not list (or none) may be lifecycle-like: offering the groups costs nothing.
  if (summary.invocationMethod !== 'direct')
    result.push(buttons.make('Resource groups', { kind, command: `resources ${actionId} ${runId}` }));
  return result;
}

/** The facts line of a run: `Lifecycle · by alice · <date>` */
export function runFacts(summary: RunSummary): string {
  return [
    methodLabel(summary.invocationMethod),
    `by ${invokerName(summary.invokedBy)}`,
    slackDate(summary.invokedAt),
  ].join(' · ');
}

function summaryUnit(summary: RunSummary, ctx: RenderContext, buttons: ButtonMaker): ListUnit {
  const { runId } = summaryIds(summary);
  const text = [
    `${statusBadge(summary.aggregateInvocationStatus)} · ${runReference(ctx.tfeAddress, ctx.workspace, runId)}`,
    runFacts(summary),
    countsPhrase(summary),
  ].join('\n');
  const blocks: KnownBlock[] = [sectionBlock(text)];
  const drillDown = actionsBlock(drillDownButtons(summary, ctx.buttonKind, buttons));
  if (drillDown) blocks.push(drillDown);
  return { blocks, itemCount: 1 };
}

/** `runs <action-id>`: one section per run summary with its drill-down buttons. */
export function renderRunSummaries(
  page: Page<RunSummary>,
  action: Action | null,
  ctx: RenderContext,
): SlackMessage {
  const buttons = new ButtonMaker(ctx.encoder);
  const first = page.items[0];
  const actionId = action?.id ?? (first ? summaryIds(first).actionId : '');
  const subject = action?.address ?? (actionId || 'this action');
  const count = page.pagination.totalCount ?? page.items.length;
  const failedHere = page.items.filter(
    (summary) => summary.aggregateInvocationStatus === 'not_successful',
  ).length;
  const text =
    page.items.length === 0
      ? `No runs of ${shortForText(subject)} match this query`
      : `${plural(count, 'run', 'runs')} of ${shortForText(subject)}${failedHere > 0 ? `, ${failedHere} not successful on this page` : ''}`;
  const intro = [code(actionId || 'unknown action')];
  if (ctx.workspace)
    intro.push(link(workspaceUrl(ctx.tfeAddress, ctx.workspace), workspaceLabel(ctx.workspace)));
  return renderList({
    title: `Runs of ${subject}`,
    intro,
    units: page.items.map((summary) => summaryUnit(summary, ctx, buttons)),
    itemCount: page.items.length,
    noun: RUNS,
    pagination: page.pagination,
    emptyText: 'No runs match this query. Try without `status:`, `method:`, `by:` or time filters.',
    text,
    ctx,
    buttons,
  });
}
