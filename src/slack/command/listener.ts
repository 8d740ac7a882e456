import type { App, RespondArguments } from '@slack/bolt';
import { renderError } from '../blocks/errors.js';
import { renderUsageError } from '../blocks/help.js';
import type { SlackMessage } from '../blocks/message.js';
import type { SlackDeps } from '../deps.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';
import { executeManage } from './execute-manage.js';
import { executeQuery } from './execute-query.js';
import { parseCommand } from './grammar.js';
import { isQueryRequest } from './registry.js';

export interface SlashCommandInput {
  text: string;
  userId: string;
  channelId: string;
}

/**
 * The work behind one `/tfactions` command, after the ack: always resolves to a message, never throws, so
 * every command gets an answer.
 */
export async function answerSlashCommand(
  input: SlashCommandInput,
  deps: SlackDeps,
  workspaces: WorkspaceResolver,
): Promise<SlackMessage> {
  const parsed = parseCommand(input.text, deps.now());
  if (!parsed.ok) return renderUsageError(parsed.error.message, parsed.error.usage);
  try {
    if (isQueryRequest(parsed.request)) {
      return await executeQuery(parsed.request, deps, workspaces, {
        encoder: deps.codec.encoderFor(input.channelId),
        buttonKind: 'query',
        shareable: true,
      });
    }
    return await executeManage(
      parsed.request,
      { userId: input.userId, channelId: input.channelId },
      deps,
      workspaces,
    );
  } catch (error) {
    deps.logger.error({ err: error, command: parsed.request.command }, 'slash command failed');
    return renderError(
      'tfactions could not do that',
      'Something failed on our side (it is logged for the operator). Please try again in a moment.',
    );
  }
}

export function ephemeral(message: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks };
}

/** `/tfactions` (and any command name that starts with it, e.g. `/tfactions-staging`). */
export function registerSlashCommand(app: App, deps: SlackDeps, workspaces: WorkspaceResolver): void {
  app.command(/^\/tfactions/, async ({ ack, command, respond }) => {
    // Ack before any I/O: Slack gives 3 seconds, HCP Terraform may take longer.
    await ack();
    const message = await answerSlashCommand(
      { text: command.text ?? '', userId: command.user_id, channelId: command.channel_id },
      deps,
      workspaces,
    );
    try {
      await respond(ephemeral(message));
    } catch (error) {
      deps.logger.error({ err: error }, 'could not deliver a command result through response_url');
    }
  });
}
