import { jest } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { loadConfig } from '../../src/config.js';
import { createHcpClient } from '../../src/hcp/client.js';
import { organizationChecks } from '../../src/ops/doctor-organizations.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import {
  type Pipeline,
  sleep,
  startPipeline,
  subscribeWithBaseline,
  topLevelMessages,
  uniqueChannel,
  until,
} from './harness.js';
import { failingRun, orgWorkspace, subscribeScope, uniqueOrganization } from './org-harness.js';

jest.setTimeout(60_000);

let sim: HcpSimulator;
let standin: SlackStandin;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  sim = await startHcpSimulator({ token: 'org-integration-token' });
  standin = await startSlackStandin();
});

afterAll(async () => {
  await standin.close();
  await sim.close();
});

afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
  sim.organizations.runsEndpointMissing = false;
  sim.clearFaults();
});

const topLevel = (channel: string) => topLevelMessages(standin, channel);

test('a failure in a covered workspace is alerted once; one outside the scope and history are not', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  const web = orgWorkspace(sim, organization, 'web-prod', 'web');
  const data = orgWorkspace(sim, organization, 'data-prod', 'data');
  const history = failingRun(sim, web);
  pipeline = await startPipeline('org-scope', sim, standin);
  await subscribeScope(pipeline, channel, { organization, projects: ['web'], tags: [] });

  const outside = failingRun(sim, data);
  const covered = failingRun(sim, web);
  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(3000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(covered);
  expect(texts[0]).toContain(`${organization}/web-prod`);
  expect(texts.join('\n')).not.toContain(outside);
  expect(texts.join('\n')).not.toContain(history);
});

test('a workspace created after subscribing is alerted from its first run', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  orgWorkspace(sim, organization, 'first');
  pipeline = await startPipeline('org-new', sim, standin);
  await subscribeScope(pipeline, channel, { organization, projects: [], tags: [] });

  const late = orgWorkspace(sim, organization, 'late-comer');
  const run = failingRun(sim, late);
  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(2000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(run);
  expect(texts[0]).toContain(`${organization}/late-comer`);
});

test('a workspace moved into the project, or tagged, after subscribing is alerted from its next run, not for its past', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  orgWorkspace(sim, organization, 'api', 'web');
  const mover = orgWorkspace(sim, organization, 'mover', 'data');
  const tagged = orgWorkspace(sim, organization, 'tagged', 'web');
  const before = failingRun(sim, mover);
  pipeline = await startPipeline('org-move', sim, standin);
  await subscribeScope(pipeline, channel, { organization, projects: ['web'], tags: [] });
  await subscribeScope(pipeline, channel, {
    organization,
    projects: [],
    tags: [{ key: 'team', value: 'edge' }],
  });

  sim.organizations.moveWorkspace(mover.id, 'web');
  sim.organizations.setTags(tagged.id, { tagBindings: [{ key: 'team', value: 'edge' }] });
  const moved = failingRun(sim, mover);
  const taggedRun = failingRun(sim, tagged);
  await standin.waitForMessages(2, { channel }, 15_000);
  await sleep(3000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(2);
  expect(texts.join('\n')).toContain(moved);
  expect(texts.join('\n')).toContain(taggedRun);
  expect(texts.join('\n')).not.toContain(before);
});

test('an overlapping workspace and organization subscription in one channel give one alert', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  const web = orgWorkspace(sim, organization, 'web');
  pipeline = await startPipeline('org-overlap', sim, standin);
  await subscribeWithBaseline(pipeline, channel, { id: web.id, name: web.name, organization });
  await subscribeScope(pipeline, channel, { organization, projects: [], tags: [] });
  await subscribeScope(pipeline, channel, { organization, namePattern: 'we*', projects: [], tags: [] });

  const run = failingRun(sim, web);
  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(4000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(run);
});

test('a run in progress that later ends not_successful is caught', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  const web = orgWorkspace(sim, organization, 'slow');
  pipeline = await startPipeline('org-progress', sim, standin);
  await subscribeScope(pipeline, channel, { organization, projects: [], tags: [] });

  const run = failingRun(sim, web, 'applying');
  await sleep(3000);
  expect(topLevel(channel)).toHaveLength(0);
  sim.organizations.setRunStatus(run, 'errored');
  await standin.waitForMessages(1, { channel }, 15_000);
  expect(topLevel(channel)[0]?.text).toContain(run);
});

test('where the organization runs listing answers 404, each covered workspace is polled, and it says so', async () => {
  sim.organizations.runsEndpointMissing = true;
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  const web = orgWorkspace(sim, organization, 'old-tfe');
  const history = failingRun(sim, web);
  pipeline = await startPipeline('org-fallback', sim, standin);
  const id = await subscribeScope(pipeline, channel, { organization, projects: [], tags: [] });
  const p = pipeline;
  await until(
    async () => (await p.service.listOrganizationSubscriptions(channel))[0]?.covered === 1,
    10_000,
    'coverage',
  );
  const [view] = await p.service.listOrganizationSubscriptions(channel);
  expect(view?.subscription.id).toBe(id);
  expect(view?.mode).toBe('fallback');
  expect((await p.service.organizationModes()).get(organization)).toBe('fallback');
  const config = loadConfig({
    SLACK_BOT_TOKEN: standin.botToken,
    SLACK_SIGNING_SECRET: 'org-signing-secret',
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_KEY_PREFIX: p.prefix,
  });
  const doctor = await organizationChecks({
    config,
    hcp: createHcpClient({ address: sim.address, token: sim.token, maxAttempts: 1 }),
    redis: p.redis,
    slack: new WebClient(standin.botToken, { slackApiUrl: standin.apiUrl }),
    channels: async () => [channel],
  });
  expect(doctor).toEqual([
    expect.objectContaining({
      name: `Organization ${organization}`,
      ok: true,
      detail: expect.stringContaining('per-workspace fallback'),
    }),
  ]);
  await sleep(2000); // the member's baseline
  const run = failingRun(sim, web);
  await standin.waitForMessages(1, { channel }, 15_000);
  await sleep(2000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(run);
  expect(texts[0]).not.toContain(history);
});

test('never silent: a refused organization signal is told once, its resumption once, and the failure meanwhile posted', async () => {
  const organization = uniqueOrganization();
  const channel = uniqueChannel();
  const web = orgWorkspace(sim, organization, 'web');
  pipeline = await startPipeline('org-health', sim, standin);
  await subscribeScope(pipeline, channel, { organization, projects: [], tags: [] });

  sim.injectFault({
    match: new RegExp(`/organizations/${organization}/runs`),
    status: 401,
    times: Number.POSITIVE_INFINITY,
  });
  await standin.waitForMessages(1, { channel }, 20_000);
  expect(topLevel(channel)[0]?.text).toMatch(/not working/);
  expect(topLevel(channel)[0]?.text).toContain(`${organization}/*`);
  const missed = failingRun(sim, web);
  sim.clearFaults();
  await standin.waitForMessages(3, { channel }, 20_000);
  await sleep(2000);
  const texts = topLevel(channel).map((message) => message.text);
  expect(texts).toHaveLength(3);
  expect(texts.filter((text) => /not working/.test(text))).toHaveLength(1);
  expect(texts.filter((text) => text.includes(missed))).toHaveLength(1);
});
