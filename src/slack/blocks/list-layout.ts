import type { Button, KnownBlock } from '@slack/types';
import type { Pagination } from '../../hcp/types.js';
import { type ButtonMaker, TOO_LONG_BUTTONS_NOTE } from './buttons.js';
import type { RenderContext } from './context.js';
import { finalizeMessage, LIMITS } from './limits.js';
import type { SlackMessage } from './message.js';
import { countOf, type Noun, pageSummary, pagingButtons } from './paging.js';
import { actionsBlock, contextBlock, headerBlock, sectionBlock } from './primitives.js';

/** Blocks that show `itemCount` items and must stay together. */
export interface ListUnit {
  blocks: KnownBlock[];
  itemCount: number;
}

export interface ListSpec {
  title: string;
  /** Context elements under the header (mrkdwn). */
  intro?: string[];
  units: ListUnit[];
  /** Items on this page (the sum of the units' itemCount). */
  itemCount: number;
  noun: Noun;
  pagination: Pagination;
  /** Total over all pages when the endpoint says it elsewhere than meta.pagination (meta.counts). */
  totalCount?: number | null;
  /** mrkdwn shown instead of the items when there are none. */
  emptyText: string;
  /** The notification text. */
  text: string;
  /** Where paging buttons come from; absent for results that are not paged. */
  ctx?: RenderContext;
  buttons: ButtonMaker;
}

/**
 * Header, items, then a footer with the page line and the paging buttons. Items that do not fit the block
 * budget are left out and the footer says how many are shown: a page is never cut silently.
 */
export function renderList(spec: ListSpec): SlackMessage {
  const head: KnownBlock[] = [headerBlock(spec.title)];
  if (spec.intro && spec.intro.length > 0) head.push(contextBlock(spec.intro));
  const empty = spec.itemCount === 0;
  const navigation: Button[] = spec.ctx
    ? pagingButtons(spec.pagination, spec.ctx, spec.buttons, { share: !empty })
    : [];
  const showPageLine = !empty || spec.pagination.currentPage > 1;
  const footerSize = (showPageLine || spec.buttons.dropped > 0 ? 1 : 0) + (navigation.length > 0 ? 1 : 0);
  const budget = LIMITS.blocks - head.length - footerSize - (empty ? 1 : 0);

  const body: KnownBlock[] = [];
  let shown = 0;
  for (const unit of spec.units) {
    if (body.length + unit.blocks.length > budget) break;
    body.push(...unit.blocks);
    shown += unit.itemCount;
  }
  if (empty) body.push(sectionBlock(spec.emptyText));

  const notes: string[] = [];
  if (shown < spec.itemCount)
    notes.push(
      `:warning: Showing ${shown} of ${countOf(spec.itemCount, spec.noun)} on this page: they do not fit in one Slack message. Narrow the query to see the rest.`,
    );
  if (showPageLine)
    notes.push(
      pageSummary(spec.pagination, spec.itemCount, spec.noun, spec.totalCount ?? spec.pagination.totalCount),
    );
  if (spec.buttons.dropped > 0) notes.push(TOO_LONG_BUTTONS_NOTE);

  const footer: KnownBlock[] = [];
  if (notes.length > 0) footer.push(contextBlock(notes));
  const nav = actionsBlock(navigation);
  if (nav) footer.push(nav);
  return finalizeMessage({ text: spec.text, blocks: [...head, ...body, ...footer] });
}
