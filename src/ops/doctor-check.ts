import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { HcpApi } from '../hcp/api.js';
import { withTimeout as withDeadline } from '../with-timeout.js';

/** What every doctor check shares: its result line, its inputs and its deadline; one module so each check can live in a file of its own. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

export interface DoctorDeps {
  config: Config;
  hcp: Pick<HcpApi, 'verifyToken'>;
  redis: Redis;
  slack: WebClient;
  /** Channels whose membership to check (the current one for `/tfactions doctor`, all subscribed for the CLI). */
  channels: () => Promise<string[]>;
}

const TIMEOUT_MS = 5000;

export function slackError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
  }
  return error instanceof Error ? error.message : String(error);
}

export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return withDeadline(promise, TIMEOUT_MS, what);
}
