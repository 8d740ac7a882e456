import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import {
  getError,
  getList,
  ids,
  type JsonResource,
  type ListDocument,
  query,
} from './hcp-simulator-client.js';

/**
 * The organization-level endpoints of the simulator, read with a bare client against the public docs: a
 * 10,000-workspace organization in 4 projects, tagged by index, with runs in some workspaces.
 */

const COUNT = 10_000;
const PROJECTS = ['web', 'data', 'infra', 'ml'];
let sim: HcpSimulator;
const byIndex: string[] = [];
const projectIds = new Map<string, string>();

function describeWorkspace(index: number) {
  return {
    name: `svc-${String(index).padStart(5, '0')}-${index % 2 === 0 ? 'prod' : 'dev'}`,
    project: PROJECTS[index % 4] ?? 'web',
    tagNames: index % 10 === 0 ? ['legacy'] : [],
    tagBindings: [
      { key: 'env', value: index % 2 === 0 ? 'prod' : 'dev' },
      ...(index % 3 === 0 ? [{ key: 'team', value: 'core' }] : []),
    ],
  };
}

beforeAll(async () => {
  sim = await startHcpSimulator();
  sim.setClock('2026-05-12T10:00:00Z');
  sim.freezeClock();
  const workspaces = sim.organizations.generateWorkspaces('acme', COUNT, describeWorkspace);
  for (const workspace of workspaces) byIndex.push(workspace.id);
  for (const project of sim.organizations.projectsOf('acme')) projectIds.set(project.name, project.id);
  sim.organizations.addWorkspace({ organization: 'other', name: 'svc-00000-prod' });
  // Runs: workspace 7 (oldest), 42, 9999 (newest, in progress).
  sim.organizations.addRun({
    workspaceId: byIndex[7] ?? '',
    createdAt: '2026-05-12T09:00:00Z',
    status: 'errored',
  });
  sim.organizations.addRun({ workspaceId: byIndex[42] ?? '', createdAt: '2026-05-12T09:10:00Z' });
  sim.organizations.addRun({
    workspaceId: byIndex[9999] ?? '',
    createdAt: '2026-05-12T09:20:00Z',
    status: 'planning',
  });
}, 120_000);

afterAll(async () => {
  await sim.close();
});

async function allWorkspaceIds(path: string): Promise<string[]> {
  const found: string[] = [];
  let url: string | null = path;
  while (url !== null) {
    const response = await getList(sim, url);
    expect(response.status).toBe(200);
    found.push(...ids(response.body));
    url = response.body.links?.next ?? null;
  }
  return found;
}

function expectedIds(keep: (index: number) => boolean): string[] {
  return byIndex.filter((_, index) => keep(index));
}

describe('GET /organizations/:org/workspaces on 10,000 workspaces', () => {
  it('pages through every workspace of the organization only, 100 at a time, sorted by name', async () => {
    const first = await getList(sim, `/organizations/acme/workspaces${query({ 'page[size]': 100 })}`);
    expect(first.body.data).toHaveLength(100);
    expect(first.body.meta?.pagination?.['total-count']).toBe(COUNT);
    expect(first.body.meta?.pagination?.['total-pages']).toBe(100);
    const all = await allWorkspaceIds(`/organizations/acme/workspaces${query({ 'page[size]': 100 })}`);
    expect(all).toEqual(byIndex);
  });

  it('refuses a page size over 100', async () => {
    const response = await getError(sim, `/organizations/acme/workspaces${query({ 'page[size]': 101 })}`);
    expect(response.status).toBe(400);
  });

  it('search[wildcard-name] honours * at the start, the end and both', async () => {
    const suffix = await allWorkspaceIds(
      `/organizations/acme/workspaces${query({ 'search[wildcard-name]': '*-PROD', 'page[size]': 100 })}`,
    );
    expect(suffix).toEqual(expectedIds((index) => index % 2 === 0));
    const prefix = await allWorkspaceIds(
      `/organizations/acme/workspaces${query({ 'search[wildcard-name]': 'svc-0001*', 'page[size]': 100 })}`,
    );
    expect(prefix).toEqual(expectedIds((index) => index >= 10 && index <= 19));
    const both = await allWorkspaceIds(
      `/organizations/acme/workspaces${query({ 'search[wildcard-name]': '*999*' })}`,
    );
    expect(both).toEqual(expectedIds((index) => String(index).padStart(5, '0').includes('999')));
  });

  it('search[name] is a case-insensitive substring', async () => {
    const found = await allWorkspaceIds(`/organizations/acme/workspaces${query({ 'search[name]': '0424' })}`);
    expect(found).toEqual(expectedIds((index) => String(index).padStart(5, '0').includes('0424')));
  });

  it('filter[project][id], filter[tagged] and search[tags] all apply together', async () => {
    const path = `/organizations/acme/workspaces${query({
      'filter[project][id]': projectIds.get('infra') ?? '',
      'filter[tagged][0][key]': 'env',
      'filter[tagged][0][value]': 'prod',
      'filter[tagged][1][key]': 'team',
      'page[size]': 100,
    })}`;
    expect(await allWorkspaceIds(path)).toEqual(expectedIds((index) => index % 4 === 2 && index % 3 === 0));
    const legacy = await allWorkspaceIds(
      `/organizations/acme/workspaces${query({ 'search[tags]': 'legacy', 'page[size]': 100 })}`,
    );
    expect(legacy).toEqual(expectedIds((index) => index % 10 === 0));
  });

  it('filter[current-run][status] and sort=-current-run.created-at, with include=current_run,project', async () => {
    const errored = await getList(
      sim,
      `/organizations/acme/workspaces${query({ 'filter[current-run][status]': 'errored,planning' })}`,
    );
    expect(ids(errored.body)).toEqual([byIndex[7], byIndex[9999]]);
    const sorted = await getList(
      sim,
      `/organizations/acme/workspaces${query({ sort: '-current-run.created-at', include: 'current_run,project', 'page[size]': 3 })}`,
    );
    expect(ids(sorted.body)).toEqual([byIndex[9999], byIndex[42], byIndex[7]]);
    const included = (sorted.body as ListDocument & { included?: JsonResource[] }).included ?? [];
    expect(
      included.filter((resource) => resource.type === 'runs').map((run) => run.attributes['status']),
    ).toEqual(['planning', 'applied', 'errored']);
    expect(
      included
        .filter((resource) => resource.type === 'projects')
        .map((project) => project.attributes['name'])
        .sort(),
    ).toEqual(['infra', 'ml']);
  });

  it('answers 400 for an unknown filter, sort or include and 404 for an unknown organization', async () => {
    expect(
      (await getError(sim, `/organizations/acme/workspaces${query({ 'filter[color]': 'red' })}`)).status,
    ).toBe(400);
    expect((await getError(sim, `/organizations/acme/workspaces${query({ sort: 'size' })}`)).status).toBe(
      400,
    );
    expect(
      (await getError(sim, `/organizations/acme/workspaces${query({ include: 'readme' })}`)).status,
    ).toBe(400);
    expect((await getError(sim, '/organizations/nobody/workspaces')).status).toBe(404);
  });
});

describe('GET /organizations/:org/projects', () => {
  it('filter[names] keeps exact names only', async () => {
    const response = await getList(
      sim,
      `/organizations/acme/projects${query({ 'filter[names]': 'web,ml,nope' })}`,
    );
    expect(response.body.data.map((project) => project.attributes['name']).sort()).toEqual(['ml', 'web']);
  });
});

describe('GET /organizations/:org/runs', () => {
  it('lists newest first, without a total count, with the workspace relationship', async () => {
    const response = await getList(sim, `/organizations/acme/runs${query({ 'page[size]': 2 })}`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((run) => run.relationships?.['workspace']?.data?.id)).toEqual([
      byIndex[9999],
      byIndex[42],
    ]);
    expect(response.body.meta?.pagination).toEqual({ 'current-page': 1, 'prev-page': null, 'next-page': 2 });
    expect(response.body.links?.last).toBeUndefined();
    const second = await getList(sim, response.body.links?.next ?? '');
    expect(second.body.data.map((run) => run.relationships?.['workspace']?.data?.id)).toEqual([byIndex[7]]);
    expect(second.body.meta?.pagination?.['next-page']).toBeNull();
  });

  it('filters by status group, status, workspace names and timeframe', async () => {
    const runsOf = async (params: Record<string, string>): Promise<(string | undefined)[]> =>
      (await getList(sim, `/organizations/acme/runs${query(params)}`)).body.data.map(
        (run) => run.relationships?.['workspace']?.data?.id,
      );
    expect(await runsOf({ 'filter[status_group]': 'non_final' })).toEqual([byIndex[9999]]);
    expect(await runsOf({ 'filter[status_group]': 'final' })).toEqual([byIndex[42], byIndex[7]]);
    expect(await runsOf({ 'filter[status]': 'errored' })).toEqual([byIndex[7]]);
    expect(await runsOf({ 'filter[workspace_names]': 'svc-00042-prod,svc-00007-dev' })).toEqual([
      byIndex[42],
      byIndex[7],
    ]);
    expect(await runsOf({ 'filter[timeframe]': '2025' })).toEqual([]);
    expect(await runsOf({ 'filter[operation]': 'destroy' })).toEqual([]);
    const bad = await getError(sim, `/organizations/acme/runs${query({ 'filter[status_group]': 'done' })}`);
    expect(bad.status).toBe(400);
  });

  it('answers 404 when switched to an older Terraform Enterprise', async () => {
    sim.organizations.runsEndpointMissing = true;
    try {
      expect((await getError(sim, '/organizations/acme/runs')).status).toBe(404);
    } finally {
      sim.organizations.runsEndpointMissing = false;
    }
  });

  it('shares run IDs with the per-workspace store, in progress while not final', async () => {
    const run = sim.organizations.addRun({ workspaceId: byIndex[5] ?? '', status: 'applying' });
    expect(sim.getRun(run.id)?.inProgress).toBe(true);
    sim.organizations.setRunStatus(run.id, 'applied');
    expect(sim.getRun(run.id)?.inProgress).toBe(false);
    expect(sim.organizations.run(run.id)?.statusTimestamps['applied-at']).toBe('2026-05-12T10:00:00Z');
  });
});
