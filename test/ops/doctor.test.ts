import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { createDoorbell } from '../../src/alerts/doorbell.js';
import { createPollQueue } from '../../src/alerts/queue.js';
import { loadConfig } from '../../src/config.js';
import { createHcpClient } from '../../src/hcp/client.js';
import { runDoctor } from '../../src/ops/doctor.js';
import { formatDoctorReport, renderDoctorReport } from '../../src/ops/doctor-blocks.js';
import { stateFixture, subscribeDirect, testRedisUrl } from '../alerts/helpers.js';
import { blocksText } from '../support/blocks-text.js';
import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';
import { startWebHarness } from '../support/web-harness.js';

let sim: HcpSimulator;
let slack: SlackStandin;
let redis: Redis;

beforeAll(async () => {
  [sim, slack] = await Promise.all([startHcpSimulator(), startSlackStandin()]);
  redis = new Redis(process.env.TEST_REDIS_URL ?? '');
});

afterAll(async () => {
  redis.disconnect();
  await Promise.all([sim.close(), slack.close()]);
});

function deps(
  overrides: { tfeToken?: string; channels?: string[]; botToken?: string; env?: Record<string, string> } = {},
) {
  const config = loadConfig({
    ...overrides.env,
    SLACK_BOT_TOKEN: overrides.botToken ?? slack.botToken,
    SLACK_SIGNING_SECRET: 'doctor-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    TFE_TOKEN: overrides.tfeToken ?? sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_URL: process.env.TEST_REDIS_URL,
  });
  return {
    config,
    hcp: createHcpClient({ address: sim.address, token: config.tfeToken, maxAttempts: 1 }),
    redis,
    slack: new WebClient(config.slackBotToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
    channels: async () => overrides.channels ?? ['C0MEMBER'],
  };
}

test('a healthy set-up passes every check', async () => {
  const report = await runDoctor(deps());
  expect(report.checks.map((check) => [check.name, check.ok])).toEqual([
    ['Configuration', true],
    ['Redis', true],
    ['Redis eviction policy', true],
    ['Slack token', true],
    ['HCP Terraform token', true],
    ['Channel <#C0MEMBER>', true],
    ['HCP notifications', true],
  ]);
  expect(report.ok).toBe(true);
  expect(formatDoctorReport(report)).toContain('All checks passed.');
});

test('each failure comes with its fix', async () => {
  slack.setMember('C0OUTSIDE', false);
  const report = await runDoctor(
    deps({ tfeToken: 'wrong-token-value', channels: ['C0OUTSIDE'], botToken: 'xoxb-wrong' }),
  );
  expect(report.ok).toBe(false);
  const failed = Object.fromEntries(report.checks.filter((c) => !c.ok).map((c) => [c.name, c]));
  expect(failed['HCP Terraform token']?.fix).toMatch(/TFE_TOKEN/);
  expect(failed['Slack token']?.fix).toMatch(/SLACK_BOT_TOKEN/);
  expect(Object.keys(failed)).toContain('Channel <#C0OUTSIDE>');
  const text = formatDoctorReport(report);
  expect(text).not.toContain('wrong-token-value');
  expect(text).toMatch(/fix: /);
});

test('a bot outside a subscribed channel is told to /invite itself', async () => {
  slack.setMember('C0NOTIN', false);
  const report = await runDoctor(deps({ channels: ['C0NOTIN'] }));
  const check = report.checks.find((c) => c.name === 'Channel <#C0NOTIN>');
  expect(check).toMatchObject({ ok: false, fix: expect.stringContaining('/invite') });
  expect(blocksText(renderDoctorReport(report).blocks)).toContain('/invite');
});

test('the doctor sees channels as subscribe does: archived, DM, and a history it cannot read', async () => {
  slack.setArchived('C0DOCARCHIVED', true);
  const report = await runDoctor(deps({ channels: ['C0DOCARCHIVED', 'D0DOCDM', 'C0DOCNOHISTORY'] }));
  slack.setArchived('C0DOCARCHIVED', false);
  const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
  expect(byName['Channel <#C0DOCARCHIVED>']).toMatchObject({
    ok: false,
    fix: expect.stringMatching(/Unarchive/),
  });
  expect(byName['Channel <#D0DOCDM>']).toMatchObject({
    ok: false,
    detail: expect.stringMatching(/direct message/),
  });
  expect(byName['Channel <#C0DOCNOHISTORY>']).toMatchObject({
    ok: true,
    detail: expect.stringMatching(/history/),
  });

  slack.injectFault({ method: 'conversations.history', error: 'missing_scope' });
  const noScope = await runDoctor(deps({ channels: ['C0DOCNOHISTORY'] }));
  expect(noScope.checks.find((check) => check.name === 'Channel <#C0DOCNOHISTORY>')).toMatchObject({
    ok: false,
    detail: expect.stringContaining('missing_scope'),
    fix: expect.stringContaining('channels:history'),
  });
});

test('an evicting Redis is flagged', async () => {
  const previous = (await redis.config('GET', 'maxmemory-policy')) as string[];
  await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
  try {
    const report = await runDoctor(deps());
    expect(report.checks.find((c) => c.name === 'Redis eviction policy')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('noeviction'),
    });
  } finally {
    await redis.config('SET', 'maxmemory-policy', previous[1] ?? 'noeviction');
  }
});

test('/tfactions doctor answers in Slack with the checks of this channel', async () => {
  const h = await startWebHarness();
  try {
    const answer = await h.command('doctor', { channelId: 'C0DOCTOR' });
    const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
    const text = blocksText(response?.blocks ?? []);
    for (const name of ['Configuration', 'Redis', 'Slack token', 'HCP Terraform token', 'C0DOCTOR'])
      expect(text).toContain(name);
  } finally {
    await h.close();
  }
});

test('the doctor says whether HCP notifications are on and, per subscription, when its last webhook arrived', async () => {
  const fixture = stateFixture('doctorhook');
  try {
    const watched = { id: 'ws-DoctorHookAAA001', name: 'payments', organization: 'acme' };
    const quiet = { id: 'ws-DoctorHookBBB002', name: 'ledger', organization: 'acme' };
    await subscribeDirect(fixture.store, 'C0DOCHOOK', watched);
    await subscribeDirect(fixture.store, 'C0DOCHOOK', quiet);
    const queue = createPollQueue(testRedisUrl(), fixture.keys, 'producer');
    const arrivedAt = Date.parse('2026-11-29T12:00:00.000Z');
    await createDoorbell({
      redis: fixture.redis,
      keys: fixture.keys,
      pollQueue: queue,
      clock: () => arrivedAt,
    }).ring(watched.id);
    await queue.obliterate({ force: true });
    await queue.close();

    const on = await runDoctor(
      deps({
        channels: ['C0DOCHOOK'],
        env: { HCP_NOTIFICATION_TOKEN: 'doctor-notification-token', REDIS_KEY_PREFIX: fixture.keys.prefix },
      }),
    );
    const byName = Object.fromEntries(on.checks.map((check) => [check.name, check]));
    expect(byName['HCP notifications']).toMatchObject({
      ok: true,
      detail: expect.stringContaining('is set'),
    });
    expect(byName['Webhooks <#C0DOCHOOK>']?.detail.split('\n').sort()).toEqual([
      'acme/ledger: Last webhook: never: polling only',
      'acme/payments: Last webhook: 2026-11-29T12:00:00.000Z',
    ]);
    expect(formatDoctorReport(on)).not.toContain('doctor-notification-token');

    const off = await runDoctor(
      deps({ channels: ['C0DOCHOOK'], env: { REDIS_KEY_PREFIX: fixture.keys.prefix } }),
    );
    expect(off.checks.find((check) => check.name === 'HCP notifications')?.detail).toMatch(
      /HCP_NOTIFICATION_TOKEN is not set: POST \/hcp\/notifications answers 404/,
    );
  } finally {
    await fixture.close();
  }
});
