import { MalformedResponseError } from '../../src/hcp/errors.js';
import { iteratePages, readPagination } from '../../src/hcp/jsonapi.js';
import type { Page } from '../../src/hcp/types.js';

const link = (number: number | null, size = 20): string | null =>
  number === null
    ? null
    : `https://app.terraform.io/api/v2/workspaces/ws-1/terraform-actions?page%5Bnumber%5D=${number}&page%5Bsize%5D=${size}`;

describe('readPagination', () => {
  test('meta.pagination wins when present', () => {
    const pagination = readPagination(
      {
        meta: {
          pagination: {
            'current-page': 2,
            'page-size': 100,
            'prev-page': 1,
            'next-page': 3,
            'total-pages': 4,
            'total-count': 350,
          },
        },
        links: { self: link(9), next: link(9), prev: null },
      },
      100,
      { pageNumber: 2, pageSize: 100 },
    );
    expect(pagination).toEqual({
      currentPage: 2,
      totalPages: 4,
      totalCount: 350,
      nextPage: 3,
      prevPage: 1,
      pageSize: 100,
    });
  });

  test('links.next / links.prev otherwise, page[number] read from the URLs', () => {
    const pagination = readPagination(
      {
        meta: null,
        links: {
          self: link(2, 50),
          first: link(1, 50),
          prev: link(1, 50),
          next: link(3, 50),
          last: link(7, 50),
        },
      },
      50,
      {},
    );
    expect(pagination).toEqual({
      currentPage: 2,
      totalPages: 7,
      totalCount: null,
      nextPage: 3,
      prevPage: 1,
      pageSize: 50,
    });
  });

  test('a relative next link and a first link without page[number]', () => {
    const pagination = readPagination(
      { meta: null, links: { next: '/api/v2/x?page[number]=5', prev: '/api/v2/x' } },
      20,
      { pageNumber: 4 },
    );
    expect(pagination).toMatchObject({ currentPage: 4, nextPage: 5, prevPage: 1 });
  });

  test('links with next: null end the list', () => {
    expect(
      readPagination({ meta: null, links: { self: link(3), next: null, prev: link(2) } }, 20, {}).nextPage,
    ).toBeNull();
  });

  test('short page without meta or links: fewer items than the page size is the last page', () => {
    expect(readPagination({ meta: null, links: null }, 7, { pageSize: 10, pageNumber: 2 })).toEqual({
      currentPage: 2,
      totalPages: null,
      totalCount: null,
      nextPage: null,
      prevPage: 1,
      pageSize: 10,
    });
  });

  test('short page: a full page announces the next one; the default page size is 20', () => {
    expect(readPagination({ meta: null, links: null }, 10, { pageSize: 10 }).nextPage).toBe(2);
    expect(readPagination({ meta: null, links: null }, 20, {}).nextPage).toBe(2);
    expect(readPagination({ meta: null, links: null }, 19, {}).nextPage).toBeNull();
  });
});

function pageOf(items: number[], nextPage: number | null): Page<number> {
  return {
    items,
    pagination: { currentPage: 1, totalPages: null, totalCount: null, nextPage, prevPage: null, pageSize: 3 },
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('iteratePages', () => {
  test('walks the pages in order until no next page', async () => {
    const asked: number[] = [];
    const pages: Record<number, Page<number>> = {
      1: pageOf([1, 2, 3], 2),
      2: pageOf([4, 5, 6], 3),
      3: pageOf([7], null),
    };
    const items = await collect(
      iteratePages(
        async (n) => {
          asked.push(n);
          return pages[n] ?? pageOf([], null);
        },
        { request: 'GET /x' },
      ),
    );
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([1, 2, 3]);
  });

  test('stops on an empty page even when a next page is announced', async () => {
    const asked: number[] = [];
    const items = await collect(
      iteratePages(
        async (n) => {
          asked.push(n);
          return n === 1 ? pageOf([1, 2, 3], 2) : pageOf([], 3);
        },
        { request: 'GET /x' },
      ),
    );
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([1, 2]);
  });

  test('a page whose every item was unreadable is not the end', async () => {
    const asked: number[] = [];
    const items = await collect(
      iteratePages(
        async (n) => {
          asked.push(n);
          if (n === 1) return pageOf([1, 2, 3], 2);
          if (n === 2) return { ...pageOf([], 3), skippedItems: 3 };
          return pageOf([7], null);
        },
        { request: 'GET /x' },
      ),
    );
    expect(items).toEqual([1, 2, 3, 7]);
    expect(asked).toEqual([1, 2, 3]);
  });

  test('a server that never ends is stopped at maxPages', async () => {
    let asked = 0;
    const walk = collect(
      iteratePages(
        async (n) => {
          asked++;
          return pageOf([n], n + 1);
        },
        { request: 'GET /x', maxPages: 1000 },
      ),
    );
    await expect(walk).rejects.toThrow(MalformedResponseError);
    expect(asked).toBe(1000);
  });

  test('a next page that points backwards is refused', async () => {
    await expect(collect(iteratePages(async () => pageOf([1], 1), { request: 'GET /x' }))).rejects.toThrow(
      /announced page 1/,
    );
  });

  test('starts at firstPage', async () => {
    const asked: number[] = [];
    await collect(
      iteratePages(
        async (n) => {
          asked.push(n);
          return pageOf([n], null);
        },
        { request: 'GET /x', firstPage: 4 },
      ),
    );
    expect(asked).toEqual([4]);
  });
});
