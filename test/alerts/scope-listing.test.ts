import {
  type OrganizationScope,
  type ScopedWorkspace,
  workspaceInScope,
  workspaceListingFor,
} from '../../src/alerts/scope.js';
import type { HcpClient } from '../../src/hcp/client.js';
import { simClient } from '../hcp/sim-client.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';

/**
 * The listings workspaceListingFor picks, sent to the simulator's 10,000-workspace organization, find exactly
 * the workspaces the local matcher accepts: server-side narrowing and local matching agree.
 */

const PROJECTS = ['web', 'data', 'infra', 'ml', 'edge'];
let sim: HcpSimulator;
let client: HcpClient;
const truth: Array<ScopedWorkspace & { id: string }> = [];

beforeAll(async () => {
  sim = await startHcpSimulator();
  client = simClient(sim).client;
  const created = sim.organizations.generateWorkspaces('acme', 10_000, (index) => ({
    name: `${['app', 'App', 'svc'][index % 3]}-${index}-${index % 2 === 0 ? 'prod' : 'dev'}-${index % 5 === 0 ? 'eu' : 'us'}`,
    project: PROJECTS[index % 5] ?? 'web',
    tagNames: index % 7 === 0 ? ['legacy'] : [],
    tagBindings: [
      { key: 'env', value: index % 2 === 0 ? 'prod' : 'dev' },
      ...(index % 11 === 0 ? [{ key: 'team', value: null }] : []),
      ...(index % 13 === 0 ? [{ key: 'team', value: 'core' }] : []),
    ],
  }));
  for (const workspace of created) {
    const meta = sim.organizations.metaOf(workspace.id);
    truth.push({
      id: workspace.id,
      name: workspace.name,
      projectName: sim.organizations.project(meta?.projectId ?? '')?.name ?? null,
      tagNames: meta?.tagNames ?? [],
      tagBindings: meta?.tagBindings ?? [],
    });
  }
}, 120_000);

afterAll(async () => {
  await sim.close();
});

async function discover(scope: OrganizationScope): Promise<{ ids: string[]; requests: number }> {
  const projects = await client.findProjects('acme', scope.projects);
  const listing = workspaceListingFor(scope, new Map(projects.map((project) => [project.name, project.id])));
  const found = new Set<string>();
  const before = sim.requests.length;
  for (const query of listing.queries) {
    for (let pageNumber: number | null = 1; pageNumber !== null; ) {
      const page = await client.listOrganizationWorkspaces('acme', { ...query, pageNumber });
      for (const workspace of page.items)
        if (listing.exact || workspaceInScope(workspace, scope)) found.add(workspace.id);
      pageNumber = page.pagination.nextPage;
    }
  }
  return { ids: [...found].sort(), requests: sim.requests.length - before };
}

const scope = (parts: Partial<OrganizationScope>): OrganizationScope => ({
  organization: 'acme',
  projects: [],
  tags: [],
  ...parts,
});

it.each<[string, OrganizationScope, number]>([
  ['acme/*', scope({}), 100],
  ['acme/*-eu', scope({ namePattern: '*-eu' }), 20],
  ['acme/app-*', scope({ namePattern: 'app-*' }), 67],
  ['acme/app-*-prod-* (inner star)', scope({ namePattern: 'app-*-prod-*' }), 67],
  ['project:infra project:ml', scope({ projects: ['infra', 'ml'] }), 40],
  [
    'tag:env=prod tag:team=core',
    scope({
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'core' },
      ],
    }),
    4,
  ],
  ['tag:team (key only)', scope({ tags: [{ key: 'team' }] }), 100],
  ['tag:legacy (flat tag)', scope({ tags: [{ key: 'legacy' }] }), 100],
  [
    'acme/svc-* project:edge tag:env=dev',
    scope({ namePattern: 'svc-*', projects: ['edge'], tags: [{ key: 'env', value: 'dev' }] }),
    10,
  ],
])('%s finds what the matcher accepts in at most %i requests', async (_, given, maxRequests) => {
  const expected = truth
    .filter((workspace) => workspaceInScope(workspace, given))
    .map((workspace) => workspace.id);
  expect(expected.length).toBeGreaterThan(0);
  const { ids, requests } = await discover(given);
  expect(ids).toEqual(expected.sort());
  expect(requests).toBeLessThanOrEqual(maxRequests);
});
