import type { Button } from '@slack/types';
import type { Pagination } from '../../hcp/types.js';
import type { ButtonMaker } from './buttons.js';
import type { RenderContext } from './context.js';
import { plural } from './phrases.js';

export interface Noun {
  one: string;
  other: string;
}

/** `1 action`, `1,234 actions` */
export function countOf(count: number, noun: Noun): string {
  return plural(count, noun.one, noun.other);
}

function isSinglePage(pagination: Pagination): boolean {
  return pagination.currentPage <= 1 && nextPageOf(pagination) === null && (pagination.totalPages ?? 1) <= 1;
}

function isPastTheEnd(pagination: Pagination): boolean {
  return pagination.totalPages !== null && pagination.currentPage > pagination.totalPages;
}

function nextPageOf(pagination: Pagination): number | null {
  if (pagination.nextPage !== null) return pagination.nextPage;
  const { totalPages, currentPage } = pagination;
  return totalPages !== null && currentPage < totalPages ? currentPage + 1 : null;
}

function previousPageOf(pagination: Pagination): number | null {
  if (isPastTheEnd(pagination))
    return pagination.totalPages !== null && pagination.totalPages >= 1 ? pagination.totalPages : null;
  if (pagination.prevPage !== null) return pagination.prevPage;
  return pagination.currentPage > 1 ? pagination.currentPage - 1 : null;
}

/** `Page 2 of 7 · 143 actions`; totals the server did not give are not invented. */
export function pageSummary(
  pagination: Pagination,
  itemsOnPage: number,
  noun: Noun,
  totalCount: number | null = pagination.totalCount,
): string {
  if (isPastTheEnd(pagination))
    return `Page ${pagination.currentPage} is past the end: there ${pagination.totalPages === 1 ? 'is 1 page' : `are ${pagination.totalPages} pages`}`;
  const total =
    totalCount !== null
      ? countOf(totalCount, noun)
      : `${countOf(itemsOnPage, noun)} on this page${nextPageOf(pagination) !== null ? ', more on the next' : ''}`;
  if (isSinglePage(pagination) && totalCount !== null) return total;
  const page =
    pagination.totalPages !== null
      ? `Page ${pagination.currentPage} of ${pagination.totalPages}`
      : `Page ${pagination.currentPage}`;
  return `${page} · ${total}`;
}

/** Previous / Next (same kind as the result's buttons) and "Share in channel". */
export function pagingButtons(
  pagination: Pagination,
  ctx: RenderContext,
  buttons: ButtonMaker,
  options: { share: boolean },
): Button[] {
  const commandForPage = ctx.commandForPage;
  if (!commandForPage) return [];
  const result: (Button | null)[] = [];
  const previous = previousPageOf(pagination);
  const next = nextPageOf(pagination);
  if (previous !== null)
    result.push(
      buttons.make(isPastTheEnd(pagination) ? 'Last page' : 'Previous', {
        kind: ctx.buttonKind,
        command: commandForPage(previous),
      }),
    );
  if (next !== null)
    result.push(buttons.make('Next', { kind: ctx.buttonKind, command: commandForPage(next) }));
  if (options.share && ctx.shareable)
    result.push(
      buttons.make('Share in channel', { kind: 'share', command: commandForPage(pagination.currentPage) }),
    );
  return result.filter((button): button is Button => button !== null);
}

/** A result that is not paged by the API (filter options, subscriptions) is one page of everything. */
export function singlePage(itemCount: number): Pagination {
  return {
    currentPage: 1,
    totalPages: 1,
    totalCount: itemCount,
    nextPage: null,
    prevPage: null,
    pageSize: itemCount,
  };
}
