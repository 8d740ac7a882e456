import { jest } from '@jest/globals';
import { alertKey, createAlertKeys } from '../../src/alerts/keys.js';
import { createOrgKeys } from '../../src/alerts/org-keys.js';
import { readSignalState } from '../../src/alerts/org-signal-state.js';
import type { SimAction } from '../support/hcp-simulator/index.js';
import { postedAlertKeys, tally } from './support/alert-tally.js';
import { between, chooseSeed, seededRandom } from './support/prng.js';
import { killAll } from './support/spawned.js';
import { sleep, waitUntil } from './support/waiting.js';
import { type FaultWorld, startProcess, startWorld } from './support/world.js';

jest.setTimeout(200_000);

const seed = chooseSeed();
let world: FaultWorld | undefined;

afterEach(async () => {
  await killAll();
  await world?.close();
  world = undefined;
});

interface OrgWorkspace {
  id: string;
  action: SimAction;
}

function addOrgWorkspace(w: FaultWorld, name: string): OrgWorkspace {
  const workspace = w.sim.organizations.addWorkspace({ organization: 'acme', name });
  const action = w.sim.addAction({ workspaceId: workspace.id, address: `action.aws_lambda_invoke.${name}` });
  return { id: workspace.id, action };
}

/** A run that succeeds while its lifecycle invocation fails; returns the alert key the channel should get. */
function fail(w: FaultWorld, channel: string, workspace: OrgWorkspace): string {
  const run = w.sim.organizations.addRun({ workspaceId: workspace.id, status: 'applied' });
  w.sim.addInvocation({
    actionId: workspace.action.id,
    runId: run.id,
    finalStatus: 'failed',
    method: 'lifecycle',
  });
  return alertKey({ channelId: channel, actionId: workspace.action.id, runId: run.id });
}

test('kill -9 during discovery of new workspaces: every failure posted once, history never', async () => {
  world = await startWorld();
  const w = world;
  const random = seededRandom(seed);
  const channel = 'C0ORGKILL';
  const known = Array.from({ length: 12 }, (_unused, index) => addOrgWorkspace(w, `known-${index}`));
  const history = known.slice(0, 3).map((workspace) => fail(w, channel, workspace));

  const first = await startProcess(w, 'worker');
  const { subscription } = await w.service.subscribeOrganization({
    channelId: channel,
    scope: { organization: 'acme', projects: [], tags: [] },
    filters: {},
    userId: 'U0FAULTS',
  });
  const orgKeys = createOrgKeys(createAlertKeys());
  await waitUntil(
    async () => (await readSignalState(w.redis, orgKeys, 'acme')).started.includes(subscription.id),
    30_000,
    'the organization watch to start',
  );
  await first.kill('SIGKILL');

  // Discovery (the workspaces listing) is slow, so kills land inside it.
  w.sim.setLatency(700, /\/organizations\/acme\/workspaces/);
  const expected: string[] = [];
  let kills = 0;
  for (let iteration = 0; iteration < 8; iteration++) {
    const worker = await startProcess(w, 'worker');
    const newcomer = addOrgWorkspace(w, `new-${iteration}`);
    expected.push(fail(w, channel, newcomer));
    const existing = known[Math.floor(random() * known.length)];
    if (existing) expected.push(fail(w, channel, existing));
    await sleep(Math.round(between(random, 200, 2400)));
    await worker.kill('SIGKILL');
    kills += 1;
  }
  w.sim.setLatency(0);

  const survivor = await startProcess(w, 'worker');
  const everyKeyPosted = () => {
    const posted = new Set(postedAlertKeys(w.slack.messages(channel)));
    return expected.every((key) => posted.has(key));
  };
  // A timeout falls through to the tally, which names what is missing.
  await waitUntil(everyKeyPosted, 60_000, `all ${expected.length} failures posted`, 200).catch(
    () => undefined,
  );
  await waitUntil(() => w.settled(), 60_000, 'delivery to settle', 200);
  await sleep(2500);
  await waitUntil(() => w.settled(), 60_000, 'delivery to settle again', 200);

  const posted = postedAlertKeys(w.slack.messages(channel));
  console.log(
    `org SIGKILL (seed ${seed}): ${kills} kills, ${expected.length} failures, ${posted.length} posted`,
  );
  if (tally(posted, expected).missing.length > 0)
    console.log(
      survivor
        .lines()
        .filter((line) => line.level >= 30)
        .map((line) => JSON.stringify(line).slice(0, 400))
        .slice(-60)
        .join('\n'),
    );
  expect(tally(posted, expected)).toEqual({ missing: [], duplicates: [], unexpected: [] });
  for (const key of history) expect(posted).not.toContain(key);
});
