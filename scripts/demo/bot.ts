import { fileURLToPath } from 'node:url';
import fetch from 'node-fetch';
import { freePort } from '../../test/support/redis-server.js';
import type { Supervisor } from './processes.js';
import { pollFor } from './timing.js';

/** What the real processes are pointed at: the stand-in, the simulator, Redis. */
export interface BotSettings {
  slackBotToken: string;
  slackApiUrl: string;
  signingSecret: string;
  tfeToken: string;
  tfeAddress: string;
  redisUrl: string;
}

const PARENT_WATCH = fileURLToPath(new URL('./parent-watch.ts', import.meta.url));
// The demo's stand-ins live on loopback, which a proxy from the user's shell would otherwise be asked for.
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].flatMap((name) => [
  name,
  name.toLowerCase(),
]);
/** Variables of a real deployment that must not leak from the caller's shell into the offline processes. */
const FOREIGN_VARIABLES = [
  'SLACK_APP_TOKEN',
  'SLACK_ADMIN_USER_IDS',
  'SLACK_BOT_TOKEN',
  'TFE_TOKEN',
  'TFE_RATE_LIMIT',
  ...PROXY_VARIABLES,
];

/** The token of the demo's HCP notification configuration (step 8 signs its webhook with it). */
export const DEMO_NOTIFICATION_TOKEN = 'tfactions-demo-notification-token';

/** The real `src/web.ts` and `src/worker.ts`, run as child processes under the supervisor. */
export class BotProcesses {
  private readonly env: Record<string, string>;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly repoRoot: string,
    settings: BotSettings,
  ) {
    this.env = childEnvironment({
      SLACK_BOT_TOKEN: settings.slackBotToken,
      SLACK_SIGNING_SECRET: settings.signingSecret,
      SLACK_API_URL: settings.slackApiUrl,
      TFE_TOKEN: settings.tfeToken,
      TFE_ADDRESS: settings.tfeAddress,
      REDIS_URL: settings.redisUrl,
      POLL_INTERVAL_SECONDS: '1',
      HCP_NOTIFICATION_TOKEN: DEMO_NOTIFICATION_TOKEN,
      LOG_LEVEL: 'warn',
      TFACTIONS_DEMO_PARENT_PID: String(process.pid),
    });
  }

  /** Starts the web process; resolves with its base URL (it may not answer yet). */
  async startWeb(): Promise<string> {
    const port = await freePort();
    this.start('web', 'src/web.ts', port);
    return `http://127.0.0.1:${port}`;
  }

  async startWorker(): Promise<void> {
    this.start('worker', 'src/worker.ts', await freePort());
  }

  /**
   * Stops the worker and starts it again with another POLL_INTERVAL_SECONDS, as an operator would; the new
   * worker sets every subscription's schedule to it. Resolves with the new worker's base URL (/healthz).
   */
  async restartWorker(pollIntervalSeconds: number): Promise<string> {
    await this.supervisor.stop('worker');
    const port = await freePort();
    this.start('worker', 'src/worker.ts', port, { POLL_INTERVAL_SECONDS: String(pollIntervalSeconds) });
    return `http://127.0.0.1:${port}`;
  }

  private start(name: string, entry: string, port: number, overrides: Record<string, string> = {}): void {
    this.supervisor.start({
      name,
      entry,
      cwd: this.repoRoot,
      preload: [PARENT_WATCH],
      // Each child has a port of its own: the web reads PORT, the worker WORKER_PORT.
      env: { ...this.env, ...overrides, PORT: String(port), WORKER_PORT: String(port) },
    });
  }
}

function childEnvironment(own: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !FOREIGN_VARIABLES.includes(name)) env[name] = value;
  return { ...env, ...own };
}

/** True once GET /healthz answers 200; false after timeoutMs or when the signal aborts. */
export async function waitHealthy(webUrl: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const answered = await pollFor(
    async () => {
      try {
        const response = await fetch(`${webUrl}/healthz`);
        await response.text();
        return response.status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    },
    timeoutMs,
    signal,
  );
  return answered === true;
}
