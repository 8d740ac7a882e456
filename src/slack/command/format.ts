import type { SubscriptionFilters } from '../../alerts/types.js';
import { ROOT_MODULE, type TimeRange } from '../../hcp/types.js';
import { formatDurationSeconds } from './time.js';
import { encodeSlackEntities, quoteValue } from './tokenize.js';
import type { CommandRequest, WorkspaceRef } from './types.js';

/**
 * The canonical text of a request: canonical subcommand names, filters in a fixed order, absolute times,
 * `& < >` escaped as Slack sends them. parseCommand reads it back to a deep-equal request (buttons carry this
 * text to re-run a query).
 */
export function formatCommand(request: CommandRequest): string {
  return encodeSlackEntities(words(request).join(' '));
}

function words(request: CommandRequest): string[] {
  switch (request.command) {
    case 'help':
      return request.topic ? ['help', request.topic] : ['help'];
    case 'actions': {
      const { provider, moduleAddress, lastInvokedAt, pageNumber } = request.options;
      return [
        'actions',
        workspaceText(request.workspace),
        ...filter('provider', provider),
        ...filter('module', moduleText(moduleAddress)),
        ...timeFilters(lastInvokedAt),
        ...filter('page', pageNumber?.toString()),
      ];
    }
    case 'providers':
    case 'unsubscribe':
      return [request.command, workspaceText(request.workspace)];
    case 'action':
    case 'invokers':
    case 'unmute':
      return [request.command, request.actionId];
    case 'runs': {
      const options = request.options;
      return [
        'runs',
        request.actionId,
        ...listFilter('status', options.statuses),
        ...listFilter('method', options.invocationMethods),
        ...listFilter('by', options.invokedBy),
        ...listFilter('source', options.sources),
        ...filter('run', options.runId),
        ...timeFilters(options.invokedAt),
        ...filter('page', options.pageNumber?.toString()),
      ];
    }
    case 'invocations':
    case 'resources':
      return [
        request.command,
        request.actionId,
        request.runId,
        ...listFilter('status', request.options.statuses),
        ...filter('q', request.options.q),
        ...filter('page', request.options.pageNumber?.toString()),
      ];
    case 'subscribe':
      return ['subscribe', workspaceText(request.workspace), ...subscriptionFilters(request.filters)];
    case 'subscriptions':
    case 'doctor':
      return [request.command];
    case 'mute':
      return ['mute', request.actionId, ...filter('for', formatDurationSeconds(request.durationSeconds))];
  }
}

function subscriptionFilters(filters: SubscriptionFilters): string[] {
  return [
    ...filter('provider', filters.provider),
    ...filter('module', moduleText(filters.moduleAddress)),
    ...listFilter('method', filters.invocationMethods),
    ...listFilter('source', filters.sources),
    ...listFilter('by', filters.invokedBy),
    ...listFilter('not-by', filters.notInvokedBy),
  ];
}

function workspaceText(workspace: WorkspaceRef): string {
  return workspace.kind === 'id' ? workspace.id : `${workspace.organization}/${workspace.name}`;
}

function moduleText(moduleAddress: string | undefined): string | undefined {
  return moduleAddress === ROOT_MODULE ? 'root' : moduleAddress;
}

function timeFilters(range: TimeRange | undefined): string[] {
  if (!range) return [];
  return [
    ...filter('after', range.gt),
    ...filter('since', range.gte),
    ...filter('before', range.lt),
    ...filter('until', range.lte),
  ];
}

function filter(key: string, value: string | undefined): string[] {
  return value === undefined ? [] : [`${key}:${quoteValue(value)}`];
}

function listFilter(key: string, values: readonly string[] | undefined): string[] {
  return values && values.length > 0 ? filter(key, values.join(',')) : [];
}
