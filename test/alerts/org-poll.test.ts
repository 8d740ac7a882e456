import { type OrgPollDeps, pollOrganization } from '../../src/alerts/org-poll.js';
import { OrgSubscriptionStore } from '../../src/alerts/org-subscriptions.js';
import { MAX_ALERTS_PER_MESSAGE } from '../../src/alerts/presenter.js';
import { createHcpClient } from '../../src/hcp/client.js';
import { unpaced } from '../../src/hcp/pacing.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { quietLogger, RecordingSink, type StateFixture, stateFixture } from './helpers.js';
import { failingRun, orgWorkspace, uniqueOrganization } from './org-harness.js';

let sim: HcpSimulator;
let fixture: StateFixture;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'org-poll-token' });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  fixture = stateFixture('orgpoll');
});

afterEach(async () => {
  await fixture.close();
});

function depsWith(sink: RecordingSink, directoryRefreshMs?: number): OrgPollDeps {
  return {
    hcp: createHcpClient({ address: sim.address, token: sim.token, pacer: unpaced, maxAttempts: 1 }),
    state: fixture.state,
    mutes: fixture.mutes,
    sink,
    logger: quietLogger(),
    maxBurstItems: MAX_ALERTS_PER_MESSAGE,
    orgStore: new OrgSubscriptionStore(fixture.redis, fixture.keys),
    ...(directoryRefreshMs === undefined ? {} : { directoryRefreshMs }),
  };
}

const alertedRuns = (sink: RecordingSink) => sink.ofKind('alert').map((job) => job.item.summary.runId);

test('a workspace that leaves the scope stops being polled after the next full listing', async () => {
  const organization = uniqueOrganization();
  const web = orgWorkspace(sim, organization, 'web', 'web');
  const sink = new RecordingSink();
  const deps = depsWith(sink, 0);
  const { subscription } = await deps.orgStore.upsert({
    channelId: 'C0LEAVE',
    scope: { organization, projects: ['web'], tags: [] },
    filters: {},
    userId: 'U0TEST',
    now: new Date(),
  });
  await pollOrganization(organization, deps);

  sim.advanceClock(60);
  const covered = failingRun(sim, web);
  await pollOrganization(organization, deps);
  expect(alertedRuns(sink)).toEqual([covered]);
  expect(await deps.orgStore.memberWorkspaceIds(subscription.id)).toEqual([web.id]);

  sim.organizations.moveWorkspace(web.id, 'data');
  sim.advanceClock(60);
  const outside = failingRun(sim, web);
  const result = await pollOrganization(organization, deps);
  expect(await deps.orgStore.memberWorkspaceIds(subscription.id)).toEqual([]);
  expect(result.polledMembers).toBe(0);
  expect(alertedRuns(sink)).not.toContain(outside);
});

test('idle cycles cost the two signal requests, however many subscriptions share the organization', async () => {
  const organization = uniqueOrganization();
  for (let index = 0; index < 30; index++) orgWorkspace(sim, organization, `ws-${index}`, `p${index % 3}`);
  const deps = depsWith(new RecordingSink());
  for (let index = 0; index < 10; index++)
    await deps.orgStore.upsert({
      channelId: `C0IDLE${index}`,
      scope: { organization, projects: [`p${index % 3}`], tags: [], namePattern: `ws-${index}*` },
      filters: {},
      userId: 'U0TEST',
      now: new Date(),
    });
  const first = await pollOrganization(organization, deps);
  expect(first.discoveryRequests).toBe(3); // the newest runs page, the in-progress page, one workspaces page
  for (let cycle = 0; cycle < 3; cycle++) {
    sim.advanceClock(60);
    const idle = await pollOrganization(organization, deps);
    expect(idle).toEqual({ mode: 'signal', discoveryRequests: 2, polledMembers: 0, alerts: 0 });
  }
});

test('the same scope typed in another order is one subscription; unsubscribing the last removes the organization', async () => {
  const store = new OrgSubscriptionStore(fixture.redis, fixture.keys);
  const input = { channelId: 'C0SAME', filters: {}, userId: 'U0TEST', now: new Date() };
  const a = await store.upsert({
    ...input,
    scope: { organization: 'acme', projects: ['b', 'a'], tags: [{ key: 'env', value: 'prod' }] },
  });
  const b = await store.upsert({
    ...input,
    scope: { organization: 'acme', projects: ['a', 'b', 'a'], tags: [{ key: 'env', value: 'prod' }] },
    filters: { provider: 'aws' },
  });
  expect(a.created).toBe(true);
  expect(b.created).toBe(false);
  expect(b.subscription.id).toBe(a.subscription.id);
  expect((await store.listForChannel('C0SAME')).map((sub) => sub.filters)).toEqual([{ provider: 'aws' }]);
  expect(await store.listOrganizations()).toEqual(['acme']);
  const removed = await store.remove('C0SAME', {
    organization: 'acme',
    projects: ['a', 'b'],
    tags: [{ key: 'env', value: 'prod' }],
  });
  expect(removed).toEqual({ removed: true, lastOfOrganization: true });
  expect(await store.listOrganizations()).toEqual([]);
  expect(await fixture.redis.exists(fixture.keys.subscription(a.subscription.id))).toBe(0);
});

test('a cycle that fails in the middle of a join is repeated: the joining run is still alerted, once', async () => {
  const organization = uniqueOrganization();
  const older = orgWorkspace(sim, organization, 'older');
  failingRun(sim, older); // history, and a watermark with runs in it
  const sink = new RecordingSink();
  const deps = depsWith(sink);
  await deps.orgStore.upsert({
    channelId: 'C0CRASH',
    scope: { organization, projects: [], tags: [] },
    filters: {},
    userId: 'U0TEST',
    now: new Date(),
  });
  await pollOrganization(organization, deps);
  sim.advanceClock(60);
  await pollOrganization(organization, deps);

  const newcomer = orgWorkspace(sim, organization, 'newcomer');
  const run = failingRun(sim, newcomer);
  // The join's read of the newcomer's actions fails once: the cycle stops after the member was stored.
  sim.injectFault({
    match: new RegExp(`/workspaces/${newcomer.id}/terraform-actions`),
    status: 500,
    times: 1,
  });
  await expect(pollOrganization(organization, deps)).rejects.toThrow();
  expect(alertedRuns(sink)).toEqual([]);
  await pollOrganization(organization, deps);
  await pollOrganization(organization, deps);
  expect(alertedRuns(sink)).toEqual([run]);
});
