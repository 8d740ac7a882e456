/** Runtime configuration: every variable of the README's "Configuration" table, validated once at start-up. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  readonly slackBotToken: string;
  readonly slackSigningSecret: string | undefined;
  readonly slackAppToken: string | undefined;
  readonly slackApiUrl: string | undefined;
  readonly tfeToken: string;
  /** Without a trailing slash, e.g. https://app.terraform.io */
  readonly tfeAddress: string;
  readonly redisUrl: string;
  /** Prefix of every Redis key and BullMQ queue; a hash tag like `{tfa}:` keeps them in one Cluster slot. */
  readonly redisKeyPrefix: string;
  readonly port: number;
  /** The worker's /healthz and /metrics; null = off (WORKER_PORT=0). Never PORT, which the web process owns. */
  readonly workerPort: number | null;
  /** TFE_RATE_LIMIT: the requests/s HCP allows the token; undefined = learn it from X-RateLimit-Limit. */
  readonly tfeRateLimit: number | undefined;
  /** NODE_EXTRA_CA_CERTS, which Node itself reads at start-up; kept here so the doctor can check the file. */
  readonly extraCaCertsPath: string | undefined;
  readonly pollIntervalSeconds: number;
  readonly logLevel: LogLevel;
  /** Empty means everybody may change subscriptions and mutes. */
  readonly adminUserIds: readonly string[];
  readonly socketMode: boolean;
  /** HCP_NOTIFICATION_TOKEN: signs HCP notifications to POST /hcp/notifications; undefined = endpoint off (404). */
  readonly hcpNotificationToken: string | undefined;
  /** TFACTIONS_PUBLIC_URL without a trailing slash: where HCP Terraform reaches the web process; for the setup reply. */
  readonly publicUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `tfactions cannot start, the configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function loadConfig(env: Environment): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const slackBotToken = read('SLACK_BOT_TOKEN');
  if (!slackBotToken) problems.push('SLACK_BOT_TOKEN is required (the bot token, xoxb-...)');
  else if (!slackBotToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');

  const slackAppToken = read('SLACK_APP_TOKEN');
  if (slackAppToken && !slackAppToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp- (or unset for HTTP mode)');
  const socketMode = slackAppToken !== undefined;

  const slackSigningSecret = read('SLACK_SIGNING_SECRET');
  if (!socketMode && !slackSigningSecret)
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode instead)',
    );

  const slackApiUrl = read('SLACK_API_URL');
  if (slackApiUrl && !isHttpUrl(slackApiUrl))
    problems.push('SLACK_API_URL must be an http(s) URL such as https://slack.com/api/');

  const tfeToken = read('TFE_TOKEN');
  if (!tfeToken) problems.push('TFE_TOKEN is required (an HCP Terraform / TFE API token)');

  const tfeAddress = normalizeTfeAddress(read('TFE_ADDRESS') ?? 'https://app.terraform.io');
  if (tfeAddress === null)
    problems.push(
      'TFE_ADDRESS must be the http(s) origin of HCP Terraform or Terraform Enterprise, such as https://tfe.example.com (a trailing / or /api/v2 is accepted; no other path, query or credentials)',
    );

  const redisUrl = read('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');

  const redisKeyPrefix = read('REDIS_KEY_PREFIX') ?? 'tfa:';
  if (!/^[A-Za-z0-9{}:_.-]{1,64}$/.test(redisKeyPrefix))
    problems.push('REDIS_KEY_PREFIX must be 1-64 letters, digits or {}:_.- (for example tfa: or {tfa}:)');

  const port = readInteger(read('PORT'), 3000, 'PORT', 0, 65535, problems);
  const workerPortRaw = readInteger(read('WORKER_PORT'), 3001, 'WORKER_PORT', 0, 65535, problems);
  const tfeRateLimitRaw = read('TFE_RATE_LIMIT');
  const tfeRateLimit =
    tfeRateLimitRaw === undefined
      ? undefined
      : readInteger(tfeRateLimitRaw, 30, 'TFE_RATE_LIMIT', 1, 10_000, problems);
  const pollIntervalSeconds = readInteger(
    read('POLL_INTERVAL_SECONDS'),
    60,
    'POLL_INTERVAL_SECONDS',
    1,
    86_400,
    problems,
  );

  const logLevelRaw = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const adminUserIds = (read('SLACK_ADMIN_USER_IDS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const badIds = adminUserIds.filter((id) => !SLACK_USER_ID.test(id));
  if (badIds.length > 0)
    problems.push(
      `SLACK_ADMIN_USER_IDS must be comma-separated Slack user IDs like U012ABCDEF; not valid: ${badIds
        .map((id) => JSON.stringify(id.slice(0, 40)))
        .join(', ')}`,
    );

  const hcpNotificationToken = read('HCP_NOTIFICATION_TOKEN');
  if (hcpNotificationToken !== undefined && hcpNotificationToken.length < 8)
    problems.push(
      'HCP_NOTIFICATION_TOKEN must be at least 8 characters (a long random value, e.g. `openssl rand -hex 32`), or unset to turn HCP notifications off',
    );

  const publicUrlRaw = read('TFACTIONS_PUBLIC_URL');
  const publicUrl = publicUrlRaw === undefined ? undefined : normalizePublicUrl(publicUrlRaw);
  if (publicUrl === null)
    problems.push(
      'TFACTIONS_PUBLIC_URL must be the http(s) address HCP Terraform reaches tfactions at, such as https://tfactions.example.com or https://example.com/tfactions (no query, fragment or credentials)',
    );

  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    slackBotToken: slackBotToken ?? '',
    slackSigningSecret,
    slackAppToken,
    slackApiUrl,
    tfeToken: tfeToken ?? '',
    tfeAddress: tfeAddress ?? '',
    redisUrl,
    redisKeyPrefix,
    port,
    workerPort: workerPortRaw === 0 ? null : workerPortRaw,
    tfeRateLimit,
    extraCaCertsPath: read('NODE_EXTRA_CA_CERTS'),
    pollIntervalSeconds,
    logLevel: logLevel ?? 'info',
    adminUserIds: Object.freeze(adminUserIds),
    socketMode,
    hcpNotificationToken,
    publicUrl: publicUrl ?? undefined,
  });
}

/** The secret values of a configuration, for the logger's redaction. */
export function secretsOf(config: Config): string[] {
  return [
    config.slackBotToken,
    config.slackSigningSecret,
    config.slackAppToken,
    config.tfeToken,
    config.hcpNotificationToken,
  ].filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

/**
 * The origin HCP's API lives under ($origin/api/v2), or null when the value is anything else. A trailing `/`
 * or `/api/v2` is a common paste and is dropped; run links would otherwise read .../api/v2/app/...
 */
export function normalizeTfeAddress(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (url === null) return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (raw.includes('?') || raw.includes('#')) return null;
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/api/v2') return null;
  return url.origin;
}

/** An http(s) origin with an optional path prefix, without its trailing slash; null when anything else. */
export function normalizePublicUrl(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (url === null) return null;
  if (url.username !== '' || url.password !== '' || raw.includes('?') || raw.includes('#')) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== null;
}

function parseHttpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

function readInteger(
  raw: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number between ${min} and ${max}`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    problems.push(`${name} must be between ${min} and ${max}`);
    return fallback;
  }
  return value;
}
