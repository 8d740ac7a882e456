import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isValidId } from '../../hcp/ids.js';
import { mayChangeAlerts } from '../admins.js';
import { isLinkButtonActionId } from '../blocks/buttons.js';
import { renderError, renderNotice } from '../blocks/errors.js';
import type { SlackMessage } from '../blocks/message.js';
import { slackDate } from '../blocks/mrkdwn.js';
import { executeQuery } from '../command/execute-query.js';
import { parseCommand } from '../command/grammar.js';
import { ephemeral } from '../command/listener.js';
import type { QueryView } from '../command/module.js';
import { isQueryRequest } from '../command/registry.js';
import type { SlackDeps } from '../deps.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';
import { ButtonValueError } from './codec.js';
import { actionErrorSection } from './error-text.js';
import { ACTION_ID_PREFIX, type ButtonPayload, buttonKindOf } from './payloads.js';

export interface ButtonClick {
  /** The clicked element's action_id; its kind must be the kind of the signed value. */
  actionId: string;
  value: string | undefined;
  userId: string;
  channelId: string | undefined;
  /** The thread the clicked message belongs to (its thread_ts, or its own ts). */
  threadTs: string | undefined;
}

export interface ButtonOutcome {
  /** Where the answer goes: the clicker only, the channel, or the alert's thread. */
  target: 'ephemeral' | 'channel' | 'thread';
  message: SlackMessage;
}

const REFUSED = (detail: string): ButtonOutcome => ({
  target: 'ephemeral',
  message: renderError('That button cannot be used here', detail),
});

/** Decides what a click does; never throws. Separated from Bolt so it can be tested on its own. */
export async function answerButton(
  click: ButtonClick,
  deps: SlackDeps,
  workspaces: WorkspaceResolver,
): Promise<ButtonOutcome> {
  if (!click.channelId) return REFUSED('Buttons of tfactions only work in channels and direct messages.');
  // The action_id is not signed, the value is: the two must agree, so neither can be swapped on its own.
  const kind = buttonKindOf(click.actionId);
  if (!kind)
    return REFUSED('This is not a button tfactions knows. Run the command again to get fresh buttons.');
  let payload: ButtonPayload;
  try {
    payload = deps.codec.decode(click.value ?? '', click.channelId);
  } catch (error) {
    if (error instanceof ButtonValueError)
      return REFUSED(`${error.message}. Run the command again to get fresh buttons.`);
    throw error;
  }
  if (payload.kind !== kind)
    return REFUSED(
      'This button and its value do not belong together. Run the command again to get fresh buttons.',
    );
  try {
    if (payload.kind === 'mute') return await mute(payload, click, deps);
    const parsed = parseCommand(payload.command, deps.now());
    if (!parsed.ok || !isQueryRequest(parsed.request))
      return REFUSED('This button carries a command tfactions no longer understands. Run the command again.');
    const view: QueryView = {
      encoder: deps.codec.encoderFor(click.channelId),
      buttonKind: payload.kind === 'thread' ? 'thread' : 'query',
      shareable: payload.kind === 'query',
      ...(payload.kind === 'thread'
        ? { actionError: actionErrorSection(deps, click.channelId, deps.codec.encoderFor(click.channelId)) }
        : {}),
    };
    const message = await executeQuery(parsed.request, deps, workspaces, view);
    const target = payload.kind === 'share' ? 'channel' : payload.kind === 'thread' ? 'thread' : 'ephemeral';
    return { target, message };
  } catch (error) {
    deps.logger.error({ err: error, kind: payload.kind }, 'button failed');
    return {
      target: 'ephemeral',
      message: renderError('tfactions could not do that', 'Something failed on our side; please try again.'),
    };
  }
}

async function mute(
  payload: Extract<ButtonPayload, { kind: 'mute' }>,
  click: ButtonClick,
  deps: SlackDeps,
): Promise<ButtonOutcome> {
  if (!mayChangeAlerts(deps.config, click.userId))
    return REFUSED('Only tfactions admins (SLACK_ADMIN_USER_IDS) can mute alerts in this workspace.');
  if (!isValidId('action', payload.actionId) || payload.durationSeconds <= 0)
    return REFUSED('This mute button carries an invalid action.');
  const { until } = await deps.alerts.mute(
    click.channelId ?? '',
    payload.actionId,
    payload.durationSeconds,
    click.userId,
  );
  return {
    target: 'ephemeral',
    message: renderNotice(
      `:mute: <@${click.userId}> muted alerts of \`${payload.actionId}\` here until ${slackDate(until)}.`,
    ),
  };
}

export function registerButtons(app: App, deps: SlackDeps, workspaces: WorkspaceResolver): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION_ID_PREFIX.replace('.', '\\.')}`),
    async ({ ack, body, action, respond, client }) => {
      await ack();
      // "Open run" is a link button: Slack opens the URL itself, there is nothing to answer.
      if (isLinkButtonActionId(action.action_id)) return;
      const message = body.message;
      const threadTs =
        (typeof message?.thread_ts === 'string' ? message.thread_ts : undefined) ??
        message?.ts ??
        (typeof body.container?.message_ts === 'string' ? body.container.message_ts : undefined);
      // Slack always sends a container, but a body without one must get a refusal, not a TypeError.
      const channelId =
        body.channel?.id ??
        (typeof body.container?.channel_id === 'string' ? body.container.channel_id : undefined);
      const outcome = await answerButton(
        { actionId: action.action_id, value: action.value, userId: body.user.id, channelId, threadTs },
        deps,
        workspaces,
      );
      await deliver(outcome, { channelId, threadTs, respond, client, deps });
    },
  );
}

async function deliver(
  outcome: ButtonOutcome,
  where: {
    channelId: string | undefined;
    threadTs: string | undefined;
    respond: RespondFn;
    client: WebClient;
    deps: SlackDeps;
  },
): Promise<void> {
  const { message } = outcome;
  try {
    if (outcome.target === 'thread' && where.channelId && where.threadTs) {
      await where.client.chat.postMessage({
        channel: where.channelId,
        thread_ts: where.threadTs,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return;
    }
    if (outcome.target === 'channel') {
      await where.respond({
        response_type: 'in_channel',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    }
    await where.respond(ephemeral(message));
  } catch (error) {
    where.deps.logger.warn({ err: error, target: outcome.target }, 'could not deliver a button result');
    await where
      .respond(
        ephemeral(
          renderError(
            'tfactions could not post there',
            'Slack refused the message (is the bot a member of this channel? `/invite @tfactions`).',
          ),
        ),
      )
      .catch(() => undefined);
  }
}
