import type { SubscriptionFilters } from '../../../alerts/types.js';
import { renderError, renderNotice } from '../../blocks/errors.js';
import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import { refuseUnreachableChannel } from '../../channel-check.js';
import { describeFailure } from '../../hcp-failure-message.js';
import { describeWorkspaceRef, type WorkspaceResolver } from '../../workspace-resolver.js';
import { parseWorkspace } from '../arguments.js';
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
import { spec } from '../spec.js';
import { describeFilters, subscriptionFilterWords } from '../subscription-filters.js';
import type { WorkspaceRef } from '../types.js';
import { EXAMPLE, NOTES } from '../usage-notes.js';
import { workspaceText } from '../words.js';

export type SubscribeRequest = {
  command: 'subscribe';
  workspace: WorkspaceRef;
  filters: SubscriptionFilters;
};

export const subscribeCommand: ManageModule<SubscribeRequest> = {
  kind: 'manage',
  changesAlerts: true,
  spec: spec(['workspace'], ['provider', 'module', 'method', 'source', 'by', 'not-by', 'errors']),
  usage: {
    syntax:
      'subscribe WORKSPACE [provider:P] [module:M] [method:M,M] [source:X,X] [by:U,U] [not-by:U,U] [errors:auto|off]',
    summary: 'Alert this channel when a run of an action in the workspace fails (from now on).',
    notes: [
      NOTES.workspace,
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
    return {
      command: 'subscribe',
      workspace: parseWorkspace(word(input, 0)),
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
  words: (request) => [
    'subscribe',
    workspaceText(request.workspace),
    ...subscriptionFilterWords(request.filters),
  ],
  execute: async (request, { deps, workspaces, caller }) => {
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
  },
};
