import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';

export interface HealthReport {
  ok: boolean;
  redis: 'ok' | 'unreachable';
  process: string;
  uptimeSeconds: number;
  /** Worker only: subscriptions whose alerts are not working. The process is still healthy (200). */
  failingSubscriptions?: FailingSubscription[];
}

export interface FailingSubscription {
  subscription: string;
  error: string | null;
  channelError: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
}

const PING_TIMEOUT_MS = 1000;

/** Healthy when the process is up and Redis answers a PING within a second. */
export async function checkHealth(
  redis: Redis,
  processName: string,
  failing?: () => Promise<FailingSubscription[]>,
): Promise<HealthReport> {
  const redisOk = await Promise.race([
    redis.ping().then(
      (answer) => answer === 'PONG',
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
  ]);
  const report: HealthReport = {
    ok: redisOk,
    redis: redisOk ? 'ok' : 'unreachable',
    process: processName,
    uptimeSeconds: Math.round(process.uptime()),
  };
  if (redisOk && failing) report.failingSubscriptions = await failing().catch(() => []);
  return report;
}

export function healthHandler(check: () => Promise<HealthReport>) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    check().then(
      (report) => {
        res.writeHead(report.ok ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify(report));
      },
      () => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false }));
      },
    );
  };
}
