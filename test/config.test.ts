import { ConfigError, loadConfig, secretsOf } from '../src/config.js';

const VALID = {
  SLACK_BOT_TOKEN: 'xoxb-test_config_bot_token',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  TFE_TOKEN: 'tfe-token-value.atlasv1.zzzz',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

test('defaults of the README configuration table', () => {
  const config = loadConfig(VALID);
  expect(config).toMatchObject({
    tfeAddress: 'https://app.terraform.io',
    redisUrl: 'redis://127.0.0.1:6379',
    redisKeyPrefix: 'tfa:',
    port: 3000,
    pollIntervalSeconds: 60,
    logLevel: 'info',
    adminUserIds: [],
    socketMode: false,
    slackApiUrl: undefined,
  });
  expect(Object.isFrozen(config)).toBe(true);
});

test('every variable is read and normalised', () => {
  const config = loadConfig({
    ...VALID,
    SLACK_APP_TOKEN: 'xapp-test_config_app_token',
    SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    TFE_ADDRESS: 'https://tfe.example.com/',
    REDIS_URL: 'rediss://user:pw@redis.example.com:6380',
    REDIS_KEY_PREFIX: '{tfa}:',
    PORT: '8080',
    POLL_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'DEBUG',
    SLACK_ADMIN_USER_IDS: 'U012ABCDEF, W0987ZYX ',
  });
  expect(config).toMatchObject({
    socketMode: true,
    slackApiUrl: 'http://127.0.0.1:9999/api/',
    tfeAddress: 'https://tfe.example.com',
    redisKeyPrefix: '{tfa}:',
    port: 8080,
    pollIntervalSeconds: 1,
    logLevel: 'debug',
    adminUserIds: ['U012ABCDEF', 'W0987ZYX'],
  });
});

test('Socket Mode does not need a signing secret; HTTP mode does', () => {
  expect(problemsOf({ ...VALID, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-abc' })).toEqual([]);
  expect(problemsOf({ ...VALID, SLACK_SIGNING_SECRET: '' })).toEqual([
    expect.stringContaining('SLACK_SIGNING_SECRET'),
  ]);
});

test('one error names every missing or malformed variable, without printing secret values', () => {
  const env = {
    SLACK_BOT_TOKEN: 'xoxp-test_user_token',
    SLACK_APP_TOKEN: 'app-token-secret',
    SLACK_API_URL: 'ftp://nope',
    TFE_ADDRESS: 'not a url',
    REDIS_URL: 'http://redis',
    PORT: '70000',
    POLL_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'loud',
    SLACK_ADMIN_USER_IDS: 'alice,U012ABCDEF',
  };
  let error: unknown;
  try {
    loadConfig(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  for (const name of [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_API_URL',
    'TFE_TOKEN',
    'TFE_ADDRESS',
    'REDIS_URL',
    'PORT',
    'POLL_INTERVAL_SECONDS',
    'LOG_LEVEL',
    'SLACK_ADMIN_USER_IDS',
  ])
    expect(message).toContain(name);
  expect(message).not.toContain('xoxp-test_user_token');
  expect(message).not.toContain('app-token-secret');
  expect((error as ConfigError).problems).toHaveLength(10);
});

test.each([
  ['POLL_INTERVAL_SECONDS', '1.5'],
  ['POLL_INTERVAL_SECONDS', '-1'],
  ['PORT', 'abc'],
])('%s=%s is refused', (name, value) => {
  expect(problemsOf({ ...VALID, [name]: value })).toEqual([expect.stringContaining(name)]);
});

test('secretsOf lists the token values for log redaction', () => {
  const config = loadConfig({ ...VALID, SLACK_APP_TOKEN: 'xapp-test_config_app_token' });
  expect(secretsOf(config).sort()).toEqual(
    [VALID.SLACK_BOT_TOKEN, VALID.SLACK_SIGNING_SECRET, VALID.TFE_TOKEN, 'xapp-test_config_app_token'].sort(),
  );
});

describe('TFE_ADDRESS is normalised to an origin', () => {
  test.each([
    ['https://tfe.example.com', 'https://tfe.example.com'],
    ['https://tfe.example.com/', 'https://tfe.example.com'],
    ['https://tfe.example.com/api/v2', 'https://tfe.example.com'],
    ['https://tfe.example.com/api/v2/', 'https://tfe.example.com'],
    ['http://127.0.0.1:8443//', 'http://127.0.0.1:8443'],
  ])('%s is accepted as %s', (raw, origin) => {
    expect(loadConfig({ ...VALID, TFE_ADDRESS: raw }).tfeAddress).toBe(origin);
  });

  test.each([
    'https://tfe.example.com/app',
    'https://tfe.example.com/api/v1',
    'https://tfe.example.com/?x=1',
    'https://user:pw@tfe.example.com',
    'ftp://tfe.example.com',
    'tfe.example.com',
  ])('%s is refused at start-up', (raw) => {
    expect(problemsOf({ ...VALID, TFE_ADDRESS: raw })).toEqual([
      expect.stringMatching(/^TFE_ADDRESS must be the http\(s\) origin/),
    ]);
  });
});

test('WORKER_PORT defaults to 3001, 0 turns it off', () => {
  expect(loadConfig(VALID).workerPort).toBe(3001);
  expect(loadConfig({ ...VALID, WORKER_PORT: '0' }).workerPort).toBeNull();
  expect(loadConfig({ ...VALID, WORKER_PORT: '9100' }).workerPort).toBe(9100);
  expect(problemsOf({ ...VALID, WORKER_PORT: 'metrics' })).toEqual([expect.stringContaining('WORKER_PORT')]);
});

test('TFE_RATE_LIMIT is optional and must be a positive whole number', () => {
  expect(loadConfig(VALID).tfeRateLimit).toBeUndefined();
  expect(loadConfig({ ...VALID, TFE_RATE_LIMIT: '12' }).tfeRateLimit).toBe(12);
  expect(problemsOf({ ...VALID, TFE_RATE_LIMIT: '0' })).toEqual([expect.stringContaining('TFE_RATE_LIMIT')]);
  expect(problemsOf({ ...VALID, TFE_RATE_LIMIT: 'fast' })).toEqual([
    expect.stringContaining('TFE_RATE_LIMIT'),
  ]);
});

describe('HCP notifications: HCP_NOTIFICATION_TOKEN and TFACTIONS_PUBLIC_URL', () => {
  test('both are optional; unset means the endpoint is off and the setup reply shows a placeholder', () => {
    expect(loadConfig(VALID)).toMatchObject({ hcpNotificationToken: undefined, publicUrl: undefined });
  });

  test('the token is a secret the logger redacts', () => {
    const config = loadConfig({ ...VALID, HCP_NOTIFICATION_TOKEN: 'notification-token-value-42' });
    expect(config.hcpNotificationToken).toBe('notification-token-value-42');
    expect(secretsOf(config)).toContain('notification-token-value-42');
  });

  test('a token too short to be redacted safely is refused without being printed', () => {
    const problems = problemsOf({ ...VALID, HCP_NOTIFICATION_TOKEN: 'short' });
    expect(problems).toEqual([expect.stringContaining('HCP_NOTIFICATION_TOKEN must be at least 8')]);
    expect(problems.join('\n')).not.toContain('short"');
  });

  test.each([
    ['https://tfactions.example.com', 'https://tfactions.example.com'],
    ['https://tfactions.example.com/', 'https://tfactions.example.com'],
    ['https://example.com/tfactions/', 'https://example.com/tfactions'],
    ['http://10.0.0.5:3000', 'http://10.0.0.5:3000'],
  ])('TFACTIONS_PUBLIC_URL=%s is kept as %s', (raw, expected) => {
    expect(loadConfig({ ...VALID, TFACTIONS_PUBLIC_URL: raw }).publicUrl).toBe(expected);
  });

  test.each([
    'tfactions.example.com',
    'ftp://tfactions.example.com',
    'https://user:pw@tfactions.example.com',
    'https://tfactions.example.com/?x=1',
    'https://tfactions.example.com/#top',
  ])('TFACTIONS_PUBLIC_URL=%s is refused with what it must be', (raw) => {
    expect(problemsOf({ ...VALID, TFACTIONS_PUBLIC_URL: raw })).toEqual([
      expect.stringContaining('TFACTIONS_PUBLIC_URL must be the http(s) address'),
    ]);
  });
});
