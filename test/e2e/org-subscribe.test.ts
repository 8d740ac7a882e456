import { blocksText as textOf } from '../support/blocks-text.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness();
  h.sim.organizations.addWorkspace({ organization: 'globex', name: 'web-prod', project: 'web' });
  h.sim.organizations.addWorkspace({ organization: 'globex', name: 'web-dev', project: 'web' });
  h.sim.organizations.addWorkspace({
    organization: 'globex',
    name: 'data-prod',
    project: 'data',
    tagBindings: [{ key: 'env', value: 'prod' }],
  });
});

afterAll(async () => {
  await h.close();
});

async function answerTo(text: string, channelId: string): Promise<string> {
  const answer = await h.command(text, { channelId });
  expect(answer.status).toBe(200);
  const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
  if (!response) throw new Error('no response');
  return textOf(response.blocks ?? []);
}

test('subscribe to a scope states how many workspaces it covers; subscriptions shows it; unsubscribe removes it', async () => {
  const done = await answerTo('subscribe globex/* project:web', 'C0ORGSUB');
  expect(done).toContain('globex/* project:web');
  expect(done).toContain('2 workspaces now');
  const prodOnly = await answerTo('subscribe globex/*-prod', 'C0ORGSUB');
  expect(prodOnly).toContain('2 workspaces now');
  const listed = await answerTo('subscriptions', 'C0ORGSUB');
  expect(listed).toContain('globex/* project:web');
  expect(listed).toContain('globex/*-prod');
  expect(listed).toMatch(/first poll cycle|Covers \d+ workspace/);
  const removed = await answerTo('unsubscribe globex/* project:web', 'C0ORGSUB');
  expect(removed).toMatch(/no longer gets alerts/);
  const after = await answerTo('subscriptions', 'C0ORGSUB');
  expect(after).not.toContain('globex/* project:web');
  expect(after).toContain('globex/*-prod');
});

test('a scope that matches nothing, an unknown project or an unknown organization is refused with the fix', async () => {
  const noTag = await answerTo('subscribe globex/* tag:env=staging', 'C0ORGREF');
  expect(noTag).toMatch(/matches no workspace/);
  expect(noTag).toMatch(/nothing was subscribed/);
  const noProject = await answerTo('subscribe globex/* project:mobile', 'C0ORGREF');
  expect(noProject).toMatch(/No project "mobile" in globex/);
  const noOrg = await answerTo('subscribe initech/*', 'C0ORGREF');
  expect(noOrg).toMatch(/not found: nothing was subscribed/i);
  const listed = await answerTo('subscriptions', 'C0ORGREF');
  expect(listed).toContain('no subscriptions');
});
