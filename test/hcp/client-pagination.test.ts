import type { PaginationStyle } from '../support/hcp-simulator/index.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { collect, everyAction, simClient } from './sim-client.js';

const pad = (n: number): string => String(n).padStart(3, '0');

async function simWith(style: PaginationStyle, actionCount: number, runCount: number) {
  const sim = await startHcpSimulator({ token: 't0ken-abc', paginationStyle: style });
  sim.setClock('2026-05-12T12:00:00Z');
  sim.freezeClock();
  const workspaceId = sim.addWorkspace({ name: 'big', organization: 'acme' }).id;
  for (let i = 0; i < actionCount; i++)
    sim.addAction({ workspaceId, address: `action.terraform_data.a${pad(i)}`, provider: 'terraform' });
  const actionId = sim.addAction({
    workspaceId,
    address: 'action.aws_lambda_invoke.busy',
    provider: 'aws',
  }).id;
  for (let i = 0; i < runCount; i++) {
    const runId = sim.addRun({ workspaceId }).id;
    const minute = String(Math.floor(i / 60)).padStart(2, '0');
    const second = String(i % 60).padStart(2, '0');
    sim.addInvocation({ actionId, runId, invokedAt: `2026-05-12T10:${minute}:${second}Z` });
  }
  sim.clearRequests();
  return { sim, workspaceId, actionId };
}

describe.each(['both', 'meta', 'links', 'none'] as const)('pagination style %s', (style) => {
  let sim: HcpSimulator;
  let workspaceId: string;
  let actionId: string;

  beforeAll(async () => {
    ({ sim, workspaceId, actionId } = await simWith(style, 250, 130));
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => sim.clearRequests());

  test('the page walker reads 251 actions in 3 pages of 100, in order, filters kept on every page', async () => {
    const { client } = simClient(sim);
    const all = await everyAction(client, workspaceId);
    expect(all).toHaveLength(251);
    expect(all[0]?.address).toBe('action.aws_lambda_invoke.busy');
    expect(all.at(-1)?.address).toBe('action.terraform_data.a249');
    expect(new Set(all.map((a) => a.id)).size).toBe(251);
    expect(sim.requests.map((r) => [r.query['page[number]'], r.query['page[size]']])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);

    sim.clearRequests();
    const filtered = await everyAction(client, workspaceId, { provider: 'terraform', pageSize: 50 });
    expect(filtered).toHaveLength(250);
    expect(
      sim.requests.every(
        (r) => r.query['filter[provider]'] === 'terraform' && r.query['page[size]'] === '50',
      ),
    ).toBe(true);
    // 250 in pages of 50: a "short page" reader needs a sixth, empty page to know the end.
    expect(sim.requests).toHaveLength(style === 'none' ? 6 : 5);
  });

  test('iterateRunSummaries walks 130 summaries, newest first', async () => {
    const { client } = simClient(sim);
    const all = await collect(client.iterateRunSummaries(actionId));
    expect(all).toHaveLength(130);
    const times = all.map((s) => s.invokedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(sim.requests.map((r) => r.query['page[number]'])).toEqual(['1', '2']);
  });

  test('listActions reads the page it is on', async () => {
    const { client } = simClient(sim);
    const page = await client.listActions(workspaceId, { pageNumber: 2, pageSize: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.pagination).toMatchObject({ currentPage: 2, nextPage: 3, prevPage: 1, pageSize: 100 });
    if (style === 'both' || style === 'meta')
      expect(page.pagination).toMatchObject({ totalPages: 3, totalCount: 251 });
    if (style === 'links') expect(page.pagination).toMatchObject({ totalPages: 3, totalCount: null });
    if (style === 'none') expect(page.pagination).toMatchObject({ totalPages: null, totalCount: null });

    const last = await client.listActions(workspaceId, { pageNumber: 3, pageSize: 100 });
    expect(last.items).toHaveLength(51);
    expect(last.pagination.nextPage).toBeNull();
  });

  test('each page carries the server time from the Date header', async () => {
    const { client } = simClient(sim);
    const page = await client.listRunSummaries(actionId, { pageSize: 1 });
    expect(page.serverTime).toBe('2026-05-12T12:00:00Z');
    expect(page.serverTime).toBe(sim.now());
  });
});

test('the page walker starts at the page asked for', async () => {
  const { sim, workspaceId } = await simWith('both', 250, 0);
  try {
    const { client } = simClient(sim);
    const rest = await everyAction(client, workspaceId, { pageNumber: 2 });
    expect(rest).toHaveLength(151);
    expect(sim.requests.map((r) => r.query['page[number]'])).toEqual(['2', '3']);
  } finally {
    await sim.close();
  }
});
