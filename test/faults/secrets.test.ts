import { jest } from '@jest/globals';
import { postNotification, runNotificationBody } from '../support/hcp-notification-signer.js';
import { freePort } from '../support/redis-server.js';
import { blockActionsBody, postSigned, slashCommandBody } from '../support/slack-signer.js';
import { listButtons } from '../support/slack-standin/index.js';
import { postedAlertKeys } from './support/alert-tally.js';
import { dumpKeys } from './support/redis-dump.js';
import { killAll, SpawnedProcess } from './support/spawned.js';
import { waitUntil } from './support/waiting.js';
import { type FaultWorld, SECRETS, startProcess, startWorld } from './support/world.js';

jest.setTimeout(90_000);

const APP_TOKEN = 'xapp-test_fault_suite_app_token';
/** Not shaped like any token either: only exact-value redaction can hide it. */
const NOTIFICATION_TOKEN = 'fault-suite-notification-token-W7pQ';
const SECRET_VALUES = [
  SECRETS.slackBotToken,
  SECRETS.slackSigningSecret,
  SECRETS.tfeToken,
  APP_TOKEN,
  NOTIFICATION_TOKEN,
];

let world: FaultWorld | undefined;

afterEach(async () => {
  await killAll();
  await world?.close();
  world = undefined;
});

function leaksIn(text: string): string[] {
  return SECRET_VALUES.filter((secret) => text.includes(secret));
}

/** SIGTERM, so pino flushes what it buffered: the check must see every line the process wrote. */
async function stopGracefully(spawned: SpawnedProcess): Promise<void> {
  await spawned.kill('SIGTERM');
  expect(spawned.exitCode).toBe(0);
}

test('a whole flow at debug level: no token in any line of either process, nor in any BullMQ job', async () => {
  world = await startWorld();
  const w = world;
  const channel = 'C0SECRETS';
  const fixture = w.addWorkspace('ledger', 1);
  const action = fixture.actions[0];
  if (!action) throw new Error('no action');
  const [worker, web] = await Promise.all([
    startProcess(w, 'worker'),
    startProcess(w, 'web', { env: { HCP_NOTIFICATION_TOKEN: NOTIFICATION_TOKEN } }),
  ]);
  const eventsUrl = `http://127.0.0.1:${web.port}/slack/events`;
  const signed = { signingSecret: SECRETS.slackSigningSecret };

  const command = async (text: string) => {
    const responseUrl = w.slack.newResponseUrl({ channelId: channel, userId: 'U0SECRETS' });
    const body = slashCommandBody({
      text,
      channel_id: channel,
      user_id: 'U0SECRETS',
      response_url: responseUrl,
    });
    expect((await postSigned(eventsUrl, body, signed)).status).toBe(200);
    return (await w.slack.waitForResponses(1, responseUrl, 20_000))[0];
  };

  await command(`subscribe acme/${fixture.workspace.name}`);
  await waitUntil(
    async () => (await w.redis.exists(`tfa:cursor:${channel}-${fixture.workspace.id}`)) === 1,
    30_000,
    'the baseline',
  );
  const key = w.fail(channel, fixture.workspace.id, action);
  await w.slack.waitForMessages(1, { channel, topLevelOnly: true }, 30_000);
  const [alert] = w.slack.messages(channel);
  if (!alert) throw new Error('no alert');
  expect(postedAlertKeys([alert])).toEqual([key]);

  const drill = listButtons(alert.blocks).find((button) => button.text.includes('Invocations'));
  const clickUrl = w.slack.newResponseUrl({ channelId: channel, userId: 'U0SECRETS' });
  const click = blockActionsBody({
    actionId: drill?.actionId ?? '',
    channelId: channel,
    userId: 'U0SECRETS',
    messageTs: alert.ts,
    message: { text: alert.text, blocks: alert.blocks },
    responseUrl: clickUrl,
  });
  expect((await postSigned(eventsUrl, click, signed)).status).toBe(200);
  await w.slack.waitForMessages(1, { channel, threadTs: alert.ts }, 20_000);
  await command(`runs ${action.id}`);
  await command('doctor');
  await command('webhook');
  const notifications = `http://127.0.0.1:${web.port}/hcp/notifications`;
  const notification = runNotificationBody({ workspaceId: fixture.workspace.id });
  expect((await postNotification(notifications, notification, { token: NOTIFICATION_TOKEN })).status).toBe(
    200,
  );
  expect((await postNotification(notifications, notification, { token: 'not-the-token' })).status).toBe(401);
  await waitUntil(() => web.hasLine((line) => line.msg === 'run notification'), 10_000, 'the webhook logged');

  await Promise.all([stopGracefully(worker), stopGracefully(web)]);
  for (const spawned of [worker, web]) {
    // The check means something only if debug lines of the HTTP clients were written.
    expect(spawned.lines().filter((line) => line.level === 20).length).toBeGreaterThan(10);
    expect(leaksIn(spawned.output())).toEqual([]);
  }
  expect(worker.hasLine((line) => line.msg === 'HCP Terraform request')).toBe(true);
  expect(web.hasLine((line) => line.msg === 'HCP Terraform request')).toBe(true);

  const stored = await dumpKeys(w.redis, 'tfa:*');
  const jobs = stored.filter((entry) => entry.type === 'hash' && entry.fields.data !== undefined);
  expect(
    jobs.some((job) => job.key.startsWith('tfa:alerts-post:') && job.fields.data?.includes(action.id)),
  ).toBe(true);
  expect(jobs.some((job) => job.key.startsWith('tfa:alerts-poll:'))).toBe(true);
  for (const job of jobs)
    expect({ job: job.key, leaks: leaksIn(job.fields.data ?? '') }).toEqual({ job: job.key, leaks: [] });
  // Beyond job data: no value of any kind under the prefix (job options, results, events, state).
  for (const entry of stored)
    expect({ key: entry.key, leaks: leaksIn(Object.entries(entry.fields).flat().join('\n')) }).toEqual({
      key: entry.key,
      leaks: [],
    });
});

test('configuration only: a refused configuration names its problems without echoing any token', async () => {
  world = await startWorld();
  const env = world.env({ port: await freePort() });
  // A bot token pasted where the app-level token belongs, and a bad port: refused with one message.
  const refused = SpawnedProcess.spawn('web', {
    ...env,
    SLACK_APP_TOKEN: SECRETS.slackBotToken,
    PORT: 'not-a-port',
  });
  await refused.exited;
  expect(refused.exitCode).toBe(1);
  expect(refused.stderr).toMatch(/SLACK_APP_TOKEN must be an app-level token/);
  expect(refused.stderr).toMatch(/PORT must be a whole number/);
  expect(leaksIn(refused.output())).toEqual([]);
});

test('configuration only: Socket Mode with an xapp- token at debug level never prints it', async () => {
  world = await startWorld();
  const w = world;
  const web = await startProcess(w, 'web', { env: { SLACK_APP_TOKEN: APP_TOKEN } });
  await waitUntil(() => w.slack.socketMode.connections === 1, 15_000, 'the Socket Mode connection');
  const responseUrl = w.slack.newResponseUrl({ channelId: 'C0SOCKETSECRET', userId: 'U0SECRETS' });
  await w.slack.socketMode.deliver('slash_commands', {
    team_id: w.slack.teamId,
    channel_id: 'C0SOCKETSECRET',
    user_id: 'U0SECRETS',
    command: '/tfactions',
    text: 'help',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    api_app_id: 'A0STANDIN',
  });
  await w.slack.waitForResponses(1, responseUrl, 20_000);
  expect(w.slack.calls.some((call) => call.method === 'apps.connections.open' && call.ok)).toBe(true);

  await stopGracefully(web);
  expect(web.hasLine((line) => line.msg === 'web ready' && line.mode === 'socket')).toBe(true);
  expect(leaksIn(web.output())).toEqual([]);
});
