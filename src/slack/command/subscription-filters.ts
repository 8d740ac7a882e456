import type { SubscriptionFilters } from '../../alerts/types.js';
import { filter, listFilter, moduleText } from './words.js';

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
  if (filters.errorText) parts.push(`errors:${filters.errorText}`);
  return parts.join(' ');
}

/** The filters as canonical command words (see words.ts). */
export function subscriptionFilterWords(filters: SubscriptionFilters): string[] {
  return [
    ...filter('provider', filters.provider),
    ...filter('module', moduleText(filters.moduleAddress)),
    ...listFilter('method', filters.invocationMethods),
    ...listFilter('source', filters.sources),
    ...listFilter('by', filters.invokedBy),
    ...listFilter('not-by', filters.notInvokedBy),
    ...filter('errors', filters.errorText),
  ];
}
