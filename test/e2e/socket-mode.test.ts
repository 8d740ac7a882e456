import { loadConfig, secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startWebRuntime, type WebRuntime } from '../../src/runtime/web.js';
import { blocksText } from '../support/blocks-text.js';
import { postNotification, verificationBody } from '../support/hcp-notification-signer.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { MemoryLog } from '../support/memory-log.js';
import { freePort } from '../support/redis-server.js';
import { blockActionsPayload } from '../support/slack-signer.js';
import { listButtons, type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

const APP_TOKEN = 'xapp-test_socket_mode_token';
const NOTIFICATION_TOKEN = 'socket-mode-notification-token-0001';

let sim: HcpSimulator;
let slack: SlackStandin;
let web: WebRuntime;
let port: number;
let actionId: string;
const log = new MemoryLog();

beforeAll(async () => {
  [sim, slack] = await Promise.all([startHcpSimulator(), startSlackStandin()]);
  const workspace = sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  const action = sim.addAction({ workspaceId: workspace.id, address: 'action.aws_lambda_invoke.notify' });
  actionId = action.id;
  const run = sim.addRun({ workspaceId: workspace.id });
  sim.addInvocation({ actionId, runId: run.id, finalStatus: 'failed', method: 'direct', invokedBy: 'alice' });
  port = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: 'socket-mode-test:',
    HCP_NOTIFICATION_TOKEN: NOTIFICATION_TOKEN,
    PORT: String(port),
    LOG_LEVEL: 'debug',
  });
  web = await startWebRuntime(
    config,
    createLogger({ level: 'debug', secrets: secretsOf(config), destination: log }),
  );
  await slack.waitFor(() => slack.socketMode.connections === 1, 15_000);
});

afterAll(async () => {
  await web.close();
  await Promise.all([slack.close(), sim.close()]);
});

test('Socket Mode connects through apps.connections.open at SLACK_API_URL, with the app-level token', () => {
  const opened = slack.calls.filter((call) => call.method === 'apps.connections.open');
  expect(opened.length).toBeGreaterThanOrEqual(1);
  expect(opened.every((call) => call.ok)).toBe(true);
});

test('a slash command over the socket is acked at once and answered through response_url', async () => {
  const responseUrl = slack.newResponseUrl({ channelId: 'C0SOCKET', userId: 'U0ALICE' });
  const ack = await slack.socketMode.deliver('slash_commands', {
    token: 'legacy',
    team_id: slack.teamId,
    channel_id: 'C0SOCKET',
    user_id: 'U0ALICE',
    command: '/tfactions',
    text: `runs ${actionId}`,
    response_url: responseUrl,
    trigger_id: '1.2.3',
    api_app_id: 'A0STANDIN',
  });
  expect(ack.envelope_id).toBeTruthy();
  const [result] = await slack.waitForResponses(1, responseUrl);
  expect(blocksText(result?.blocks ?? [])).toContain('Invocations');

  const button = listButtons(result?.blocks ?? []).find((b) => b.text.includes('Invocations'));
  const clickUrl = slack.newResponseUrl({ channelId: 'C0SOCKET', userId: 'U0ALICE' });
  await slack.socketMode.deliver(
    'interactive',
    blockActionsPayload({
      actionId: button?.actionId ?? '',
      value: button?.value ?? '',
      channelId: 'C0SOCKET',
      messageTs: '1700000000.000100',
      responseUrl: clickUrl,
      isEphemeral: true,
    }),
  );
  const [drill] = await slack.waitForResponses(1, clickUrl);
  expect(blocksText(drill?.blocks ?? [])).toMatch(/Failed/);
});

test('/healthz is served on PORT in Socket Mode too, and the app token never reaches the logs', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
  expect(log.text()).not.toContain(APP_TOKEN);
});

test('POST /hcp/notifications is served on PORT beside /healthz in Socket Mode, signature checked', async () => {
  const url = `http://127.0.0.1:${port}/hcp/notifications`;
  const verified = await postNotification(url, verificationBody(), { token: NOTIFICATION_TOKEN });
  expect(verified.status).toBe(200);
  expect((await postNotification(url, verificationBody(), { token: 'not-the-token-value' })).status).toBe(
    401,
  );
  expect(log.text()).not.toContain(NOTIFICATION_TOKEN);
});
