import type { SubscriptionFilters } from '../../alerts/types.js';
import { renderError, renderNotice } from '../blocks/errors.js';
import type { SlackMessage } from '../blocks/message.js';
import { escapeMrkdwn, slackDate } from '../blocks/mrkdwn.js';
import { renderSubscriptions } from '../blocks/subscriptions.js';
import { refuseUnreachableChannel } from '../channel-check.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../hcp-words.js';
import { describeHealth } from '../subscription-health.js';
import { describeWorkspaceRef, type WorkspaceResolver } from '../workspace-resolver.js';
import type { CommandRequest } from './types.js';

export type ManageRequest = Extract<
  CommandRequest,
  { command: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'mute' | 'unmute' | 'doctor' }
>;

export interface Caller {
  userId: string;
  channelId: string;
}

const CHANGES: ReadonlySet<ManageRequest['command']> = new Set([
  'subscribe',
  'unsubscribe',
  'mute',
  'unmute',
]);

/** Subscriptions, mutes and the doctor: the commands that change or inspect tfactions itself. */
export async function executeManage(
  request: ManageRequest,
  caller: Caller,
  deps: Pick<SlackDeps, 'hcp' | 'alerts' | 'config' | 'logger' | 'doctor' | 'channelReachable'>,
  workspaces: WorkspaceResolver,
): Promise<SlackMessage> {
  const admins = deps.config.adminUserIds;
  if (CHANGES.has(request.command) && admins.length > 0 && !admins.includes(caller.userId)) {
    return renderError(
      'Only tfactions admins can do that',
      `\`${request.command}\` changes what this channel is alerted about; this workspace limits it to ${admins
        .map((id) => `<@${id}>`)
        .join(', ')}. Ask one of them, or the operator (SLACK_ADMIN_USER_IDS).`,
    );
  }
  switch (request.command) {
    case 'subscribe': {
      const refusal = await refuseUnreachableChannel(deps.channelReachable, caller.channelId);
      if (refusal) return refusal;
      let workspace: Awaited<ReturnType<WorkspaceResolver['resolve']>>;
      try {
        workspace = await workspaces.resolve(request.workspace);
      } catch (error) {
        const words = describeFailure(error, describeWorkspaceRef(request.workspace));
        return renderError(`${words.title}: nothing was subscribed`, words.detail);
      }
      const { created } = await deps.alerts.subscribe({
        channelId: caller.channelId,
        workspace,
        filters: request.filters,
        userId: caller.userId,
      });
      const label = escapeMrkdwn(`${workspace.organization}/${workspace.name}`);
      const filters = escapeMrkdwn(describeFilters(request.filters));
      return renderNotice(
        created
          ? `:bell: This channel now gets an alert for every Terraform action that fails in *${label}* (\`${workspace.id}\`)${filters ? ` matching ${filters}` : ''}. Failures from before now are not posted. If the alerts ever stop working, this channel is told so, and again when they resume.`
          : `:bell: Updated the subscription of this channel to *${label}* (\`${workspace.id}\`): ${filters || 'no filters'}.`,
      );
    }
    case 'unsubscribe': {
      const workspaceId =
        request.workspace.kind === 'id'
          ? request.workspace.id
          : await workspaces
              .resolve(request.workspace)
              .then((workspace) => workspace.id)
              .catch(() => undefined);
      const removed = workspaceId ? await deps.alerts.unsubscribe(caller.channelId, workspaceId) : false;
      return renderNotice(
        removed
          ? `:no_bell: This channel no longer gets alerts for ${describeWorkspaceRef(request.workspace)}.`
          : `This channel has no subscription to ${describeWorkspaceRef(request.workspace)}; \`/tfactions subscriptions\` lists them.`,
      );
    }
    case 'subscriptions': {
      const [subscriptions, mutes] = await Promise.all([
        deps.alerts.listSubscriptions(caller.channelId),
        deps.alerts.listMutes(caller.channelId),
      ]);
      const health = await deps.alerts.subscriptionHealth(subscriptions.map((sub) => sub.id));
      return renderSubscriptions(
        subscriptions.map((subscription) => ({
          workspaceLabel: `${subscription.organization}/${subscription.workspaceName}`,
          workspaceId: subscription.workspaceId,
          filtersText: describeFilters(subscription.filters),
          createdBy: subscription.createdBy,
          createdAt: subscription.createdAt,
          healthText: describeHealth(
            health.get(subscription.id),
            `${subscription.organization}/${subscription.workspaceName}`,
          ),
        })),
        mutes,
      );
    }
    case 'mute': {
      const { until } = await deps.alerts.mute(
        caller.channelId,
        request.actionId,
        request.durationSeconds,
        caller.userId,
      );
      return renderNotice(
        `:mute: Alerts of \`${request.actionId}\` are muted in this channel until ${slackDate(until)}.`,
      );
    }
    case 'unmute': {
      const removed = await deps.alerts.unmute(caller.channelId, request.actionId);
      return renderNotice(
        removed
          ? `:loud_sound: Alerts of \`${request.actionId}\` are back on in this channel.`
          : `\`${request.actionId}\` was not muted in this channel.`,
      );
    }
    case 'doctor':
      return deps.doctor(caller.channelId);
  }
}

/** The filters as the user would type them, for confirmations and lists. */
export function describeFilters(filters: SubscriptionFilters): string {
  const parts: string[] = [];
  const quote = (value: string) => (/\s/.test(value) ? `"${value}"` : value);
  if (filters.provider) parts.push(`provider:${quote(filters.provider)}`);
  if (filters.moduleAddress) parts.push(`module:${quote(filters.moduleAddress)}`);
  if (filters.invocationMethods?.length) parts.push(`method:${filters.invocationMethods.join(',')}`);
  if (filters.sources?.length) parts.push(`source:${filters.sources.join(',')}`);
  if (filters.invokedBy?.length) parts.push(`by:${filters.invokedBy.map(quote).join(',')}`);
  if (filters.notInvokedBy?.length) parts.push(`not-by:${filters.notInvokedBy.map(quote).join(',')}`);
  return parts.join(' ');
}
