import { mayChangeAlerts } from '../admins.js';
import { renderError } from '../blocks/errors.js';
import type { SlackMessage } from '../blocks/message.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';
import type { Caller, ManageContext } from './module.js';
import { type ManageRequest, manageModuleOf } from './registry.js';

/** Subscriptions, mutes and the doctor: the commands that change or inspect tfactions itself. */
export async function executeManage(
  request: ManageRequest,
  caller: Caller,
  deps: ManageContext['deps'],
  workspaces: WorkspaceResolver,
): Promise<SlackMessage> {
  const module = manageModuleOf(request);
  if (module.changesAlerts && !mayChangeAlerts(deps.config, caller.userId)) {
    return renderError(
      'Only tfactions admins can do that',
      `\`${request.command}\` changes what this channel is alerted about; this workspace limits it to ${deps.config.adminUserIds
        .map((id) => `<@${id}>`)
        .join(', ')}. Ask one of them, or the operator (SLACK_ADMIN_USER_IDS).`,
    );
  }
  return module.execute(request, { deps, workspaces, caller });
}
