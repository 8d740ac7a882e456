import {
  type HcpSimulator,
  type PaginationStyle,
  startHcpSimulator,
} from '../support/hcp-simulator/index.js';
import { getList, ids, type ListDocument, query } from './hcp-simulator-client.js';

const TOTAL = 250;

/** A workspace with 250 actions and one action with 250 invocations (125 lifecycle groups) in one run. */
function populate(sim: HcpSimulator) {
  const workspaceId = sim.addWorkspace({ name: 'big', organization: 'o' }).id;
  const addresses: string[] = [];
  // Added in reverse so the address order is the simulator's doing.
  for (let i = TOTAL - 1; i >= 0; i -= 1) {
    const address = `action.terraform_data.a${String(i).padStart(3, '0')}`;
    sim.addAction({ id: `action-a${String(i).padStart(3, '0')}`, workspaceId, address });
    addresses.push(address);
  }
  const actionId = 'action-a000';
  const runId = sim.addRun({ workspaceId }).id;
  for (let i = 0; i < TOTAL; i += 1)
    sim.addInvocation({
      id: `ai-i${String(i).padStart(3, '0')}`,
      actionId,
      runId,
      method: 'lifecycle',
      blockIndex: i,
      triggeringResourceAddress: `null_resource.r${String(Math.floor(i / 2)).padStart(3, '0')}`,
    });
  const expectedActionIds = Array.from({ length: TOTAL }, (_, i) => `action-a${String(i).padStart(3, '0')}`);
  return { workspaceId, actionId, runId, expectedActionIds };
}

describe('HCP simulator pagination', () => {
  let sim: HcpSimulator;
  let data: ReturnType<typeof populate>;

  beforeAll(async () => {
    sim = await startHcpSimulator();
    data = populate(sim);
  });

  afterAll(async () => {
    await sim.close();
  });

  test('default page: 20 items, page 1 of 13, with links and meta.pagination', async () => {
    const path = `/workspaces/${data.workspaceId}/terraform-actions`;
    const response = await getList(sim, path);
    const url = (n: number) => `${sim.address}/api/v2${path}?page%5Bnumber%5D=${n}&page%5Bsize%5D=20`;
    expect(ids(response.body)).toEqual(data.expectedActionIds.slice(0, 20));
    expect(response.body.links).toEqual({
      self: url(1),
      first: url(1),
      prev: null,
      next: url(2),
      last: url(13),
    });
    expect(response.body.meta?.pagination).toEqual({
      'current-page': 1,
      'page-size': 20,
      'prev-page': null,
      'next-page': 2,
      'total-pages': 13,
      'total-count': 250,
    });
  });

  test('following links.next with page[size]=100 visits every action once, in address order', async () => {
    const seen: string[] = [];
    const pages: ListDocument[] = [];
    let next: string | null =
      `/workspaces/${data.workspaceId}/terraform-actions${query({ 'page[size]': 100 })}`;
    while (next !== null) {
      const response = await getList(sim, next);
      pages.push(response.body);
      seen.push(...ids(response.body));
      next = response.body.links?.next ?? null;
    }
    expect(seen).toEqual(data.expectedActionIds);
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.meta?.pagination)).toEqual([
      expect.objectContaining({ 'current-page': 1, 'prev-page': null, 'next-page': 2, 'total-pages': 3 }),
      expect.objectContaining({ 'current-page': 2, 'prev-page': 1, 'next-page': 3, 'total-pages': 3 }),
      expect.objectContaining({ 'current-page': 3, 'prev-page': 2, 'next-page': null, 'total-count': 250 }),
    ]);
    expect(pages[2]?.links?.prev).toBe(pages[1]?.links?.self);
    expect(pages[0]?.links?.last).toBe(pages[2]?.links?.self);
  });

  test('links keep the filters of the request', async () => {
    const path = `/workspaces/${data.workspaceId}/terraform-actions`;
    const response = await getList(
      sim,
      `${path}${query({ 'filter[provider]': 'terraform', 'page[size]': 50 })}`,
    );
    expect(response.body.links?.next).toBe(
      `${sim.address}/api/v2${path}?filter%5Bprovider%5D=terraform&page%5Bnumber%5D=2&page%5Bsize%5D=50`,
    );
    const second = await getList(sim, response.body.links?.next ?? '');
    expect(ids(second.body)).toEqual(data.expectedActionIds.slice(50, 100));
  });

  test('invocations of a run page by invocation, counts cover all pages', async () => {
    const path = `/terraform-actions/${data.actionId}/runs/${data.runId}/invocations`;
    const response = await getList(sim, `${path}${query({ 'page[number]': 3, 'page[size]': 100 })}`);
    expect(ids(response.body)).toHaveLength(50);
    expect(ids(response.body)[0]).toBe('ai-i200');
    expect(response.body.meta?.counts).toEqual({ invocations: { total: 250 } });
    expect(response.body.meta?.pagination).toMatchObject({ 'total-pages': 3, 'total-count': 250 });
  });

  test('lifecycle resource groups page by group, not by invocation', async () => {
    const path = `/terraform-actions/${data.actionId}/runs/${data.runId}/invocations/lifecycle-resource-groups`;
    const response = await getList(sim, `${path}${query({ 'page[number]': 2, 'page[size]': 100 })}`);
    expect(ids(response.body)).toHaveLength(25);
    expect(ids(response.body)[0]).toBe('null_resource.r100');
    expect(response.body.meta?.counts).toEqual({
      invocations: { total: 250 },
      'resource-groups': { total: 125 },
    });
    expect(response.body.meta?.pagination).toMatchObject({ 'total-pages': 2, 'total-count': 125 });
  });

  test('a page past the end is empty and links back to the last page', async () => {
    const path = `/workspaces/${data.workspaceId}/terraform-actions`;
    const response = await getList(sim, `${path}${query({ 'page[number]': 9, 'page[size]': 100 })}`);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta?.pagination).toMatchObject({
      'current-page': 9,
      'prev-page': 3,
      'next-page': null,
    });
  });
});

describe('HCP simulator paginationStyle', () => {
  test.each<[PaginationStyle, boolean, boolean]>([
    ['both', true, true],
    ['meta', false, true],
    ['links', true, false],
    ['none', false, false],
  ])('%s: links %s, meta.pagination %s; meta.counts always', async (paginationStyle, hasLinks, hasMeta) => {
    const sim = await startHcpSimulator({ paginationStyle });
    try {
      const data = populate(sim);
      const actions = await getList(sim, `/workspaces/${data.workspaceId}/terraform-actions`);
      expect(actions.body.data).toHaveLength(20);
      expect(actions.body.links !== undefined).toBe(hasLinks);
      expect(actions.body.meta?.pagination !== undefined).toBe(hasMeta);
      const invocations = await getList(
        sim,
        `/terraform-actions/${data.actionId}/runs/${data.runId}/invocations`,
      );
      expect(invocations.body.meta?.counts).toEqual({ invocations: { total: 250 } });
      expect(invocations.body.links !== undefined).toBe(hasLinks);
      expect(invocations.body.meta?.pagination !== undefined).toBe(hasMeta);
    } finally {
      await sim.close();
    }
  });
});
