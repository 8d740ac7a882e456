import type { OrganizationScope } from '../../../alerts/scope.js';
import { scopeText } from '../../../alerts/scope.js';
import type { SubscriptionFilters } from '../../../alerts/types.js';
import { renderError, renderNotice } from '../../blocks/errors.js';
import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import { refuseUnreachableChannel } from '../../channel-check.js';
import { describeFailure } from '../../hcp-failure-message.js';
import { checkScope } from '../../org-scope-check.js';
import { describeWorkspaceRef, type WorkspaceResolver } from '../../workspace-resolver.js';
import {
  METHOD_CHOICES,
  parseChoiceList,
  parseErrorTextMode,
  parseInvokers,
  parseModuleAddress,
  parseProvider,
  SOURCE_CHOICES,
} from '../filters.js';
import { optional, withoutUndefined, word } from '../input.js';
import type { ManageModule } from '../module.js';
import { CommandProblem, shown } from '../problem.js';
import { parseSubscriptionTarget, SCOPE_NOTE, targetWords } from '../scope-target.js';
import { spec } from '../spec.js';
import { describeFilters, subscriptionFilterWords } from '../subscription-filters.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES } from '../usage-notes.js';

export type SubscribeRequest =
  | { command: 'subscribe'; workspace: WorkspaceRef; filters: SubscriptionFilters }
  | { command: 'subscribe'; scope: OrganizationScope; filters: SubscriptionFilters };

export const subscribeCommand: ManageModule<SubscribeRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(
    ['workspace'],
    ['provider', 'module', 'method', 'source', 'by', 'not-by', 'errors', 'project', 'tag'],
  ),
  usage: {
    syntax:
      'subscribe WORKSPACE|ORGANIZATION/* [project:P] [tag:K=V] [provider:P] [module:M] [method:M,M] [source:X,X] [by:U,U] [not-by:U,U] [errors:auto|off]',
    summary:
      'Alert this channel when a run of an action in the workspace (or the scope) fails (from now on).',
    notes: [
      NOTES.workspace,
      SCOPE_NOTE,
      NOTES.provider,
      NOTES.module,
      NOTES.method,
      NOTES.source,
      `${NOTES.invokers} \`not-by:\` leaves out runs by these invokers.`,
      "`errors:auto` posts the failing action's error text (from the run's log) as each alert's first thread reply; `errors:off` never reads logs for this channel. Without it, the error text comes when Invocations is clicked.",
    ],
    example: `subscribe ${EXAMPLE.workspaceName} method:lifecycle not-by:system:not_a_user`,
  },
  parse: (input) => {
    const invokedBy = optional(input, 'by', parseInvokers);
    const notInvokedBy = optional(input, 'not-by', parseInvokers);
    const both = invokedBy?.find((invoker) => notInvokedBy?.includes(invoker));
    if (both !== undefined) throw new CommandProblem(`${shown(both)} is in both by: and not-by:`);
    const target = parseSubscriptionTarget(word(input, 0), input);
    const where = target.kind === 'workspace' ? { workspace: target.workspace } : { scope: target.scope };
    return {
      command: 'subscribe',
      ...where,
      filters: withoutUndefined({
        provider: optional(input, 'provider', parseProvider),
        moduleAddress: optional(input, 'module', parseModuleAddress),
        invocationMethods: optional(input, 'method', (token) => parseChoiceList(token, METHOD_CHOICES)),
        sources: optional(input, 'source', (token) => parseChoiceList(token, SOURCE_CHOICES)),
        invokedBy,
        notInvokedBy,
        errorText: optional(input, 'errors', parseErrorTextMode),
      }),
    };
  },
  words: (request) => ['subscribe', ...targetWords(request), ...subscriptionFilterWords(request.filters)],
  execute: async (request, { deps, workspaces, caller }) => {
    const refusal = await refuseUnreachableChannel(deps.channelReachable, caller.channelId);
    if (refusal) return refusal;
    if ('scope' in request) {
      const check = await checkScope(deps.hcp, request.scope);
      if (!check.ok) return renderError(check.title, check.detail);
      const { created } = await deps.alerts.subscribeOrganization({
        channelId: caller.channelId,
        scope: request.scope,
        filters: request.filters,
        userId: caller.userId,
      });
      const label = escapeMrkdwn(scopeText(request.scope));
      const filters = escapeMrkdwn(describeFilters(request.filters));
      const count = `${check.atLeast ? 'more than ' : ''}${check.covered} workspace${check.covered === 1 ? '' : 's'}`;
      return renderNotice(
        created
          ? `:bell: This channel now gets an alert for every Terraform action that fails in *${label}* (${count} now; workspaces that join the scope later are covered from their first run)${filters ? ` matching ${filters}` : ''}. Failures from before now are not posted. If the alerts ever stop working, this channel is told so, and again when they resume.`
          : `:bell: Updated the subscription of this channel to *${label}* (${count} now): ${filters || 'no filters'}.`,
      );
    }
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
  },
};
