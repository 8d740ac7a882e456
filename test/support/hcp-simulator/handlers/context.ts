import { notFound } from '../api-error.js';
import { type PageRequest, paginationParts, slicePage } from '../pagination.js';
import type { SimStore } from '../store.js';
import type { PaginationStyle, SimAction, SimWorkspace } from '../types.js';

export interface HandlerContext {
  readonly store: SimStore;
  /** Decoded path parameters of the matched route. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly paginationStyle: PaginationStyle;
  readonly pageUrl: (pageNumber: number, pageSize: number) => string;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (context: HandlerContext) => Reply;

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function param(context: HandlerContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) throw new Error(`route has no :${name}`);
  return value;
}

export function requireWorkspace(context: HandlerContext): SimWorkspace {
  const workspace = context.store.workspace(param(context, 'workspaceId'));
  if (!workspace) throw notFound();
  return workspace;
}

export function requireAction(context: HandlerContext): SimAction {
  const action = context.store.action(param(context, 'actionId'));
  if (!action) throw notFound();
  return action;
}

/** A list document: one page of data, links and meta.pagination per the style, plus meta.counts if given. */
export function pagedDocument<T>(
  context: HandlerContext,
  items: readonly T[],
  page: PageRequest,
  toResource: (item: T) => unknown,
  counts?: Record<string, { total: number }>,
): Record<string, unknown> {
  const slice = slicePage(items, page);
  const { links, pagination } = paginationParts(slice, context.paginationStyle, context.pageUrl);
  const meta: Record<string, unknown> = {};
  if (counts) meta['counts'] = counts;
  if (pagination) meta['pagination'] = pagination;
  return {
    data: slice.items.map(toResource),
    ...(links ? { links } : {}),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  };
}
