import type { Pagination } from '../../../src/hcp/types.js';
import { renderActionList } from '../../../src/slack/blocks/actions.js';
import { renderInvocations } from '../../../src/slack/blocks/invocations.js';
import { pageSummary } from '../../../src/slack/blocks/paging.js';
import { INVOCATION, LIST_ACTION, WORKSPACE } from '../../fixtures/hcp-samples.js';
import { buttonsOf, checked, contextTexts, queryContext } from './support.js';

const ACTIONS = { one: 'action', other: 'actions' };
const page = (overrides: Partial<Pagination>): Pagination => ({
  currentPage: 1,
  totalPages: 1,
  totalCount: 1,
  nextPage: null,
  prevPage: null,
  pageSize: 20,
  ...overrides,
});
const forPage = (n: number) => `actions ${WORKSPACE.id} page:${n}`;

describe('pageSummary', () => {
  test.each([
    [
      page({ currentPage: 2, totalPages: 7, totalCount: 143, nextPage: 3, prevPage: 1 }),
      20,
      'Page 2 of 7 · 143 actions',
    ],
    [page({ totalCount: 1 }), 1, '1 action'],
    [
      page({ totalPages: null, totalCount: null, nextPage: 2 }),
      20,
      'Page 1 · 20 actions on this page, more on the next',
    ],
    [
      page({ currentPage: 3, totalPages: null, totalCount: null, prevPage: 2 }),
      4,
      'Page 3 · 4 actions on this page',
    ],
    [page({ currentPage: 9, totalPages: 3, totalCount: 50 }), 0, 'Page 9 is past the end: there are 3 pages'],
  ])('%#: %j', (pagination, items, expected) => {
    expect(pageSummary(pagination, items, ACTIONS)).toBe(expected);
  });
});

describe('paging buttons', () => {
  test('a middle page: Previous, Next, Share with the commands of those pages', () => {
    const message = checked(
      renderActionList(
        {
          items: [LIST_ACTION],
          pagination: page({ currentPage: 2, totalPages: 7, totalCount: 143, nextPage: 3, prevPage: 1 }),
        },
        WORKSPACE,
        queryContext({ commandForPage: forPage, shareable: true }),
      ),
    );
    expect(contextTexts(message)).toContain('Page 2 of 7 · 143 actions');
    expect(buttonsOf(message).slice(2)).toEqual([
      {
        label: 'Previous',
        actionId: 'tfactions.query.2',
        payload: { kind: 'query', command: forPage(1) },
        url: undefined,
      },
      {
        label: 'Next',
        actionId: 'tfactions.query.3',
        payload: { kind: 'query', command: forPage(3) },
        url: undefined,
      },
      {
        label: 'Share in channel',
        actionId: 'tfactions.share.4',
        payload: { kind: 'share', command: forPage(2) },
        url: undefined,
      },
    ]);
  });

  test('thread results page inside the thread; no commandForPage means no paging buttons', () => {
    const pagination = page({ currentPage: 1, totalPages: 2, totalCount: 30, nextPage: 2 });
    const threaded = renderInvocations(
      { items: [INVOCATION], pagination },
      { actionId: 'action-a', runId: 'run-b' },
      queryContext({ buttonKind: 'thread', commandForPage: (n) => `invocations action-a run-b page:${n}` }),
    );
    expect(buttonsOf(threaded).map((button) => button.payload)).toEqual([
      { kind: 'thread', command: 'invocations action-a run-b page:2' },
    ]);
    const unpaged = renderInvocations(
      { items: [INVOCATION], pagination },
      { actionId: 'action-a', runId: 'run-b' },
      queryContext(),
    );
    expect(buttonsOf(unpaged)).toEqual([]);
    expect(contextTexts(unpaged)).toContain('Page 1 of 2 · 30 invocations');
  });

  test('a page past the end offers the last page and no share', () => {
    const message = checked(
      renderActionList(
        { items: [], pagination: page({ currentPage: 9, totalPages: 3, totalCount: 50, prevPage: 8 }) },
        WORKSPACE,
        queryContext({ commandForPage: forPage, shareable: true }),
      ),
    );
    expect(
      buttonsOf(message).map((button) => [
        button.label,
        button.payload?.kind === 'query' && button.payload.command,
      ]),
    ).toEqual([['Last page', forPage(3)]]);
  });

  test('a page that does not fit one message shows what fits and says so', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ ...LIST_ACTION, id: `action-a${i}` }));
    const message = checked(
      renderActionList(
        {
          items,
          pagination: page({ currentPage: 1, totalPages: 3, totalCount: 250, nextPage: 2, pageSize: 100 }),
        },
        WORKSPACE,
        queryContext({ commandForPage: forPage, shareable: true }),
      ),
    );
    const shown = message.blocks.filter((block) => block.type === 'section').length;
    expect(shown).toBeGreaterThan(15);
    expect(contextTexts(message)).toContain(
      `:warning: Showing ${shown} of 100 actions on this page: they do not fit in one Slack message. Narrow the query to see the rest.`,
    );
    expect(contextTexts(message)).toContain('Page 1 of 3 · 250 actions');
    expect(
      buttonsOf(message)
        .map((button) => button.label)
        .slice(-2),
    ).toEqual(['Next', 'Share in channel']);
  });

  test('buttons whose command is too long for Slack are left out, and the message says so', () => {
    const longQuery = `invocations action-a run-b q:"${'q'.repeat(2000)}"`;
    const message = checked(
      renderInvocations(
        { items: [INVOCATION], pagination: page({ totalPages: 2, totalCount: 30, nextPage: 2 }) },
        { actionId: 'action-a', runId: 'run-b' },
        queryContext({ commandForPage: (n) => `${longQuery} page:${n}`, shareable: true }),
      ),
    );
    expect(buttonsOf(message)).toEqual([]);
    expect(contextTexts(message).some((text) => text.includes('too long for a Slack button'))).toBe(true);
  });
});
