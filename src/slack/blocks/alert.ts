import type { Button, KnownBlock } from '@slack/types';
import { DEFAULT_MUTE_SECONDS } from '../../alerts/mutes.js';
import { MAX_ALERTS_PER_MESSAGE } from '../../alerts/presenter.js';
import { isValidId } from '../../hcp/ids.js';
import type { Action, RunSummary, Workspace } from '../../hcp/types.js';
import type { ButtonEncoder } from '../buttons/payloads.js';
import { formatDurationSeconds } from '../durations.js';
import { ButtonMaker } from './buttons.js';
import { finalizeMessage, LIMITS, truncate } from './limits.js';
import { runUrl, workspaceLabel, workspaceUrl } from './links.js';
import type { SlackMessage } from './message.js';
import { code, escapeMrkdwn, escapeMrkdwnOnce, link, slackDate } from './mrkdwn.js';
import {
  countsPhrase,
  inlineCode,
  invokerName,
  methodLabel,
  moduleLabel,
  optionalCode,
  plural,
  shortForText,
} from './phrases.js';
import { actionsBlock, contextBlock, fieldsBlock, headerBlock, sectionBlock } from './primitives.js';
import { drillDownButtons, summaryIds } from './run-summaries.js';
import { STATUS_STYLES } from './status.js';

export interface AlertInput {
  summary: RunSummary;
  action: Pick<Action, 'id' | 'address' | 'provider' | 'moduleAddress'>;
  workspace: Workspace;
  tfeAddress: string;
}

/** `24h`, `30m`, `7d`, `90s`: 24h reads better than 1d for the default mute, and days better than weeks. */
export function durationLabel(seconds: number): string {
  return seconds === 86_400 ? '24h' : formatDurationSeconds(seconds, 'd');
}

/** `❌ <address> failed`, the address shortened so the verb always shows. */
function headerWith(glyph: string, address: string, verb: string): string {
  const room = LIMITS.headerText - glyph.length - verb.length - 2;
  return `${glyph} ${truncate(address, room)} ${verb}`;
}

function runLink(input: AlertInput, runId: string): string {
  return link(runUrl(input.tfeAddress, input.workspace, runId), runId);
}

function alertFields(input: AlertInput): string[] {
  const { summary, action, workspace } = input;
  return [
    `*Workspace*\n${link(workspaceUrl(input.tfeAddress, workspace), workspaceLabel(workspace))}`,
    `*Run*\n${runLink(input, summaryIds(summary).runId)}`,
    `*Module*\n${moduleLabel(action.moduleAddress)}`,
    `*Provider*\n${optionalCode(action.provider)}`,
    `*Method*\n${methodLabel(summary.invocationMethod)}`,
    `*Invoked by*\n${invokerName(summary.invokedBy)}`,
    `*Invoked at*\n${slackDate(summary.invokedAt)}`,
    `*Invocations*\n${countsPhrase(summary)}`,
  ];
}

function alertButtons(input: AlertInput, buttons: ButtonMaker, muteSeconds: number): (Button | null)[] {
  const result = [
    ...drillDownButtons(input.summary, 'thread', buttons),
    buttons.link('Open run', runUrl(input.tfeAddress, input.workspace, summaryIds(input.summary).runId)),
  ];
  if (isValidId('action', input.action.id))
    result.push(
      buttons.make(`Mute ${durationLabel(muteSeconds)}`, {
        kind: 'mute',
        actionId: input.action.id,
        durationSeconds: muteSeconds,
      }),
    );
  return result;
}

function actionLine(input: AlertInput): string {
  return `*${inlineCode(input.action.address, 2000)}* · ${code(input.action.id)}`;
}

function alertBlocks(
  input: AlertInput,
  header: string,
  lead: string,
  buttons: ButtonMaker,
  muteSeconds: number,
): KnownBlock[] {
  const blocks: KnownBlock[] = [headerBlock(header), sectionBlock(lead), fieldsBlock(alertFields(input))];
  const actions = actionsBlock(alertButtons(input, buttons, muteSeconds));
  if (actions) blocks.push(actions);
  return blocks;
}

/** `Terraform action X failed in org/ws (run-…): 2 of 3 invocations failed` */
function failureText(input: AlertInput): string {
  const { summary } = input;
  return `Terraform action ${shortForText(input.action.address)} failed in ${escapeMrkdwn(workspaceLabel(input.workspace))} (${escapeMrkdwn(summaryIds(summary).runId)}): ${summary.failed} of ${summary.plannedInvocationCount} invocations failed`;
}

/** The alert posted to a subscribed channel when an action's run ends not_successful. */
export function renderAlert(
  input: AlertInput,
  encoder: ButtonEncoder,
  options: { muteSeconds?: number } = {},
): SlackMessage {
  const muteSeconds = options.muteSeconds ?? DEFAULT_MUTE_SECONDS;
  const header = headerWith(STATUS_STYLES.not_successful.glyph, input.action.address, 'failed');
  const blocks = alertBlocks(input, header, actionLine(input), new ButtonMaker(encoder), muteSeconds);
  return finalizeMessage({ text: failureText(input), blocks });
}

/** The alert as chat.update leaves it once a later run succeeded: same facts and buttons, header says so. */
export function renderRecoveredAlert(
  input: AlertInput,
  recoveredRunId: string,
  recoveredAt: string,
  encoder: ButtonEncoder,
): SlackMessage {
  const header = headerWith(STATUS_STYLES.successful.glyph, input.action.address, 'recovered');
  const lead = `${actionLine(input)}\n${STATUS_STYLES.successful.emoji} Recovered in ${runLink(input, recoveredRunId)} ${slackDate(recoveredAt)}; this alert was about the failed run below.`;
  const blocks = alertBlocks(input, header, lead, new ButtonMaker(encoder), DEFAULT_MUTE_SECONDS);
  return finalizeMessage({
    text: `Terraform action ${shortForText(input.action.address)} recovered in ${escapeMrkdwn(workspaceLabel(input.workspace))} (${escapeMrkdwn(recoveredRunId)}) after failing in ${escapeMrkdwn(summaryIds(input.summary).runId)}`,
    blocks,
  });
}

/** The reply in the alert's thread when the action succeeds again. */
export function renderRecoveryReply(
  input: AlertInput,
  recoveredRunId: string,
  recoveredAt: string,
): SlackMessage {
  const failedRunId = summaryIds(input.summary).runId;
  return finalizeMessage({
    text: `Terraform action ${shortForText(input.action.address)} recovered in ${escapeMrkdwn(recoveredRunId)}`,
    blocks: [
      sectionBlock(
        `${STATUS_STYLES.successful.emoji} *Recovered* in ${runLink(input, recoveredRunId)} ${slackDate(recoveredAt)}: ${inlineCode(input.action.address)} succeeded again after failing in ${runLink(input, failedRunId)}.`,
      ),
    ],
  });
}

function burstLine(input: AlertInput, showWorkspace: boolean): string {
  const { summary } = input;
  const parts = [
    `${STATUS_STYLES.not_successful.emoji} *${inlineCode(input.action.address)}*`,
    runLink(input, summaryIds(summary).runId),
    `${summary.failed ?? '?'} of ${summary.plannedInvocationCount ?? '?'} failed`,
    methodLabel(summary.invocationMethod),
    `by ${invokerName(summary.invokedBy)}`,
    slackDate(summary.invokedAt),
  ];
  if (showWorkspace) parts.push(escapeMrkdwn(workspaceLabel(input.workspace)));
  return `${parts.join(' · ')}\n${code(input.action.id)}`;
}

/** Several failures found in one poll, as one message with a line and an Invocations button each. */
export function renderAlertBurst(inputs: AlertInput[], encoder: ButtonEncoder): SlackMessage {
  if (inputs.length === 0) throw new RangeError('renderAlertBurst needs at least one alert');
  if (inputs.length > MAX_ALERTS_PER_MESSAGE)
    throw new RangeError(
      `renderAlertBurst takes at most ${MAX_ALERTS_PER_MESSAGE} alerts, got ${inputs.length}`,
    );
  const buttons = new ButtonMaker(encoder);
  const workspaces = new Set(inputs.map((input) => input.workspace.id));
  const first = inputs[0] as AlertInput;
  const where = workspaces.size === 1 ? workspaceLabel(first.workspace) : 'several workspaces';
  const title = `${plural(inputs.length, 'Terraform action failure', 'Terraform action failures')} in ${where}`;
  const sections = inputs.map((input) => {
    const [invocations] = drillDownButtons(input.summary, 'thread', buttons);
    return sectionBlock(burstLine(input, workspaces.size > 1), invocations ?? null);
  });
  const listed = inputs
    .slice(0, 10)
    .map((input) => shortForText(truncate(input.action.address, 200)))
    .join(', ');
  return finalizeMessage({
    text: `${escapeMrkdwn(title)}: ${listed}${inputs.length > 10 ? ` and ${inputs.length - 10} more` : ''}`,
    blocks: [
      headerBlock(title),
      ...sections,
      contextBlock([
        'Invocations answers in this thread · mute one action with `/tfactions mute action-… for:24h`',
      ]),
    ],
  });
}

/** Told once to a subscribed channel when its workspace stops answering (404: gone, no access, not entitled). */
export function renderWorkspaceProblem(workspaceLabelText: string, problem: string): SlackMessage {
  const label = escapeMrkdwnOnce(workspaceLabelText);
  const detail = escapeMrkdwnOnce(problem);
  return finalizeMessage({
    text: `:warning: tfactions cannot watch ${label}: ${detail}`,
    blocks: [
      headerBlock(`⚠️ tfactions cannot watch ${workspaceLabelText}`),
      sectionBlock(detail),
      contextBlock([
        `Alerts for *${label}* resume by themselves once HCP Terraform answers again. \`/tfactions unsubscribe ${label}\` stops them.`,
      ]),
    ],
  });
}
