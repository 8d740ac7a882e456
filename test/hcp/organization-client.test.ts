import { pino } from 'pino';
import type { HcpClient } from '../../src/hcp/client.js';
import { InvalidIdError } from '../../src/hcp/ids.js';
import { OrganizationRunsNotFoundError } from '../../src/hcp/organization-runs.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { lastUrl, simClient } from './sim-client.js';

let sim: HcpSimulator;
let client: HcpClient;
const ws: Record<'web' | 'db' | 'cache', string> = { web: '', db: '', cache: '' };
let infraProjectId = '';

beforeAll(async () => {
  sim = await startHcpSimulator();
  sim.setClock('2026-05-12T10:00:00Z');
  sim.freezeClock();
  client = simClient(sim).client;
  const orgs = sim.organizations;
  ws.web = orgs.addWorkspace({
    organization: 'acme',
    name: 'web-prod',
    project: 'apps',
    tagNames: ['legacy'],
    tagBindings: [{ key: 'env', value: 'prod' }],
  }).id;
  ws.db = orgs.addWorkspace({
    organization: 'acme',
    name: 'db-prod',
    project: 'infra',
    tagBindings: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: null },
    ],
  }).id;
  ws.cache = orgs.addWorkspace({ organization: 'acme', name: 'cache-dev', project: 'infra' }).id;
  infraProjectId = orgs.projectsOf('acme').find((project) => project.name === 'infra')?.id ?? '';
  for (let minute = 1; minute <= 5; minute++)
    orgs.addRun({ workspaceId: ws.web, createdAt: `2026-05-12T09:0${minute}:00Z` });
  orgs.addRun({ workspaceId: ws.db, createdAt: '2026-05-12T09:30:00Z', status: 'applying' });
});

afterAll(async () => {
  await sim.close();
});

describe('listOrganizationRuns', () => {
  it('sends every filter under its documented key, the organization path-escaped', async () => {
    await client.listOrganizationRuns('acme', {
      statuses: ['errored', 'applied'],
      statusGroups: ['final'],
      operations: ['plan_and_apply'],
      workspaceNames: ['web-prod', 'db-prod'],
      timeframe: '2026',
      pageNumber: 1,
      pageSize: 2,
    });
    expect(lastUrl(sim)).toBe(
      '/api/v2/organizations/acme/runs?filter%5Bstatus%5D=errored%2Capplied&filter%5Bstatus_group%5D=final' +
        '&filter%5Boperation%5D=plan_and_apply&filter%5Bworkspace_names%5D=web-prod%2Cdb-prod' +
        '&filter%5Btimeframe%5D=2026&page%5Bnumber%5D=1&page%5Bsize%5D=2',
    );
  });

  it('reads runs newest first and pages without a total count', async () => {
    const first = await client.listOrganizationRuns('acme', { pageSize: 4 });
    expect(first.items.map((run) => run.workspaceId)).toEqual([ws.db, ws.web, ws.web, ws.web]);
    expect(first.items[0]).toMatchObject({ status: 'applying', createdAt: '2026-05-12T09:30:00Z' });
    expect(first.items[0]?.statusChangedAt).toBe('2026-05-12T09:30:00Z');
    expect(first.pagination).toMatchObject({
      currentPage: 1,
      nextPage: 2,
      totalCount: null,
      totalPages: null,
    });
    const second = await client.listOrganizationRuns('acme', { pageSize: 4, pageNumber: 2 });
    expect(second.items).toHaveLength(2);
    expect(second.pagination.nextPage).toBeNull();
  });

  it('keeps a status it does not know instead of failing the page', async () => {
    const run = sim.organizations.addRun({ workspaceId: ws.cache, status: 'teleporting' });
    const page = await client.listOrganizationRuns('acme', { statuses: ['teleporting'] });
    expect(page.items.map((item) => [item.id, item.status])).toEqual([[run.id, 'teleporting']]);
  });

  it('turns a 404 into OrganizationRunsNotFoundError, still a not_found error', async () => {
    sim.organizations.runsEndpointMissing = true;
    try {
      const failure = client.listOrganizationRuns('acme');
      await expect(failure).rejects.toBeInstanceOf(OrganizationRunsNotFoundError);
      await expect(client.listOrganizationRuns('acme')).rejects.toMatchObject({
        kind: 'not_found',
        organization: 'acme',
      });
    } finally {
      sim.organizations.runsEndpointMissing = false;
    }
  });

  it('refuses bad input before any request', async () => {
    sim.clearRequests();
    await expect(client.listOrganizationRuns('acme/../x')).rejects.toBeInstanceOf(InvalidIdError);
    await expect(client.listOrganizationRuns('acme', { timeframe: 'week' })).rejects.toThrow(/timeframe/);
    await expect(client.listOrganizationRuns('acme', { workspaceNames: ['a,b'] })).rejects.toThrow(
      /workspace/,
    );
    expect(sim.requests).toHaveLength(0);
  });
});

describe('listOrganizationWorkspaces', () => {
  it('sends search, tag, project, run-status, sort and include parameters', async () => {
    await client.listOrganizationWorkspaces('acme', {
      nameContains: 'prod',
      wildcardName: '*-prod',
      tagNames: ['legacy'],
      tagged: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: null },
      ],
      projectId: infraProjectId,
      currentRunStatuses: ['applying'],
      sort: '-current-run.created-at',
      include: ['current_run', 'project'],
      pageSize: 100,
    });
    expect(lastUrl(sim)).toBe(
      '/api/v2/organizations/acme/workspaces?search%5Bname%5D=prod&search%5Bwildcard-name%5D=*-prod' +
        '&search%5Btags%5D=legacy&filter%5Btagged%5D%5B0%5D%5Bkey%5D=env&filter%5Btagged%5D%5B0%5D%5Bvalue%5D=prod' +
        `&filter%5Btagged%5D%5B1%5D%5Bkey%5D=team&filter%5Bproject%5D%5Bid%5D=${infraProjectId}` +
        '&filter%5Bcurrent-run%5D%5Bstatus%5D=applying&sort=-current-run.created-at&include=current_run%2Cproject' +
        '&page%5Bsize%5D=100',
    );
  });

  it('reads project, tags and current run from included resources', async () => {
    const page = await client.listOrganizationWorkspaces('acme', {
      sort: '-current-run.created-at',
      include: ['current_run', 'project', 'effective_tag_bindings'],
    });
    const db = page.items.find((workspace) => workspace.id === ws.db);
    expect(page.items[0]?.id).toBe(ws.cache);
    expect(db).toEqual({
      id: ws.db,
      name: 'db-prod',
      projectId: infraProjectId,
      projectName: 'infra',
      tagNames: [],
      tagBindings: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: null },
      ],
      currentRun: {
        id: expect.stringMatching(/^run-/),
        status: 'applying',
        createdAt: '2026-05-12T09:30:00Z',
      },
    });
    expect(page.pagination.totalCount).toBe(3);
  });

  it('without include, names the project and current run by ID only', async () => {
    const page = await client.listOrganizationWorkspaces('acme', { wildcardName: 'web-*' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      name: 'web-prod',
      projectName: null,
      tagNames: ['legacy'],
      tagBindings: [],
    });
    expect(page.items[0]?.currentRun).toEqual({
      id: expect.stringMatching(/^run-/),
      status: null,
      createdAt: null,
    });
  });

  it('refuses a wildcard with an inner * and a malformed project ID before any request', async () => {
    sim.clearRequests();
    await expect(client.listOrganizationWorkspaces('acme', { wildcardName: 'web-*-prod' })).rejects.toThrow(
      /only at its start or end/,
    );
    await expect(client.listOrganizationWorkspaces('acme', { projectId: 'apps' })).rejects.toThrow(
      /project ID/,
    );
    expect(sim.requests).toHaveLength(0);
  });
});

describe('findProjects', () => {
  it('asks for exact names and returns those that exist', async () => {
    const projects = await client.findProjects('acme', ['infra', 'missing']);
    expect(lastUrl(sim)).toBe(
      '/api/v2/organizations/acme/projects?filter%5Bnames%5D=infra%2Cmissing&page%5Bsize%5D=100',
    );
    expect(projects).toEqual([{ id: infraProjectId, name: 'infra' }]);
  });

  it('rejects an organization it cannot see with a not_found error', async () => {
    await expect(client.findProjects('nobody', ['infra'])).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('secrecy of the organization endpoints', () => {
  const SECRET = 'Org0rgT0kenSecret.atlasv1.s3cr3t-ORG';

  it('keeps the token out of errors and log lines, even when the server echoes it', async () => {
    const secretSim = await startHcpSimulator({ token: SECRET });
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    try {
      secretSim.organizations.addWorkspace({ organization: 'acme', name: 'web' });
      secretSim.organizations.runsEndpointMissing = true;
      const secretClient = simClient(secretSim, { logger, maxAttempts: 1 }).client;
      const errors: unknown[] = [];
      await secretClient.listOrganizationRuns('acme').catch((error: unknown) => errors.push(error));
      secretSim.injectFault({
        status: 400,
        body: JSON.stringify({
          errors: [{ status: '400', title: `bad ${SECRET}`, detail: `Bearer ${SECRET}` }],
        }),
      });
      await secretClient.listOrganizationWorkspaces('acme').catch((error: unknown) => errors.push(error));
      await simClient(secretSim, { token: 'wrong', logger })
        .client.findProjects('acme', ['x'])
        .catch((error: unknown) => errors.push(error));
      expect(errors.map((error) => (error instanceof Error ? error.name : 'not an error'))).toEqual([
        'OrganizationRunsNotFoundError',
        'InvalidRequestError',
        'UnauthorizedError',
      ]);
      const said = errors
        .map((error) => (error instanceof Error ? `${error.message}\n${error.stack}` : ''))
        .join('\n');
      expect(said).not.toContain('s3cr3t');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('')).not.toContain('s3cr3t');
    } finally {
      await secretSim.close();
    }
  });
});
