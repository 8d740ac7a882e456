import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Token shapes that must never reach a log line, whatever configuration they came from. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /xox[abposr]-[0-9A-Za-z-]+/g,
  /xapp-[0-9A-Za-z-]+/g,
  /(Bearer\s+)[^\s",]+/gi,
  /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]+/g,
];

export interface LoggerOptions {
  level: LogLevel;
  /** Exact secret values (tokens, signing secret) to replace wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; defaults to stdout (pretty-printed when stdout is a terminal). */
  destination?: DestinationStream;
  name?: string;
}

export function redactSecrets(line: string, secrets: readonly string[]): string {
  let result = line;
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.split(secret).join('[REDACTED]');
  }
  for (const pattern of TOKEN_PATTERNS) {
    result = result.replace(pattern, (_match, prefix: unknown) =>
      typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]',
    );
  }
  return result;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...(options.secrets ?? [])];
  const pretty =
    options.destination === undefined && process.stdout.isTTY === true && prettyPrinterInstalled();
  const destination =
    options.destination ??
    (pretty
      ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level,
      name: options.name ?? 'tfactions',
      base: { pid: process.pid },
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          '*.headers.authorization',
          'config.slackBotToken',
          'config.tfeToken',
          'config.slackAppToken',
          'config.slackSigningSecret',
          'config.hcpNotificationToken',
        ],
        censor: '[REDACTED]',
      },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    destination,
  );
}

/** pino-pretty is a dev dependency: after `npm prune --omit=dev` a terminal gets plain JSON lines instead. */
export function prettyPrinterInstalled(
  resolve: (name: string) => string = createRequire(import.meta.url).resolve,
): boolean {
  try {
    resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
