import { ROOT_MODULE, type TimeRange } from '../../hcp/types.js';
import { encodeSlackEntities, quoteValue } from './tokenize.js';
import type { WorkspaceRef } from './types.js';

/**
 * Pieces of the canonical text of a request: filters in a fixed order, absolute times, `& < >` escaped as
 * Slack sends them. The grammar reads that text back to a deep-equal request (buttons carry it to re-run a
 * query).
 */

export function commandText(words: readonly string[]): string {
  return encodeSlackEntities(words.join(' '));
}

export function workspaceText(workspace: WorkspaceRef): string {
  return workspace.kind === 'id' ? workspace.id : `${workspace.organization}/${workspace.name}`;
}

export function moduleText(moduleAddress: string | undefined): string | undefined {
  return moduleAddress === ROOT_MODULE ? 'root' : moduleAddress;
}

export function timeFilters(range: TimeRange | undefined): string[] {
  if (!range) return [];
  return [
    ...filter('after', range.gt),
    ...filter('since', range.gte),
    ...filter('before', range.lt),
    ...filter('until', range.lte),
  ];
}

export function filter(key: string, value: string | undefined): string[] {
  return value === undefined ? [] : [`${key}:${quoteValue(value)}`];
}

export function listFilter(key: string, values: readonly string[] | undefined): string[] {
  return values && values.length > 0 ? filter(key, values.join(',')) : [];
}

export function pageFilter(pageNumber: number | undefined): string[] {
  return filter('page', pageNumber?.toString());
}
