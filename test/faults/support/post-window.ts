import type { Redis } from 'ioredis';
import { createAlertKeys } from '../../../src/alerts/keys.js';
import type { PostedMessage, RecordedCall } from '../../support/slack-standin/index.js';

export interface DuplicateWindows {
  /** Slack received the chat.postMessage -> the worker recorded the alert: Slack posts even if the worker dies. */
  fromRequestMs: number[];
  /** Slack stored the message (its ts) -> recorded: what is left of the window with an instant Slack. */
  fromStoredMs: number[];
}

/**
 * The duplicate window of each alert posted and recorded directly (not found in the history later). A worker
 * killed inside it leaves a post nobody recorded, which only the history check can find.
 */
export async function duplicateWindows(
  redis: Redis,
  messages: readonly PostedMessage[],
  calls: readonly RecordedCall[],
): Promise<DuplicateWindows> {
  const keys = createAlertKeys();
  const windows: DuplicateWindows = { fromRequestMs: [], fromStoredMs: [] };
  for (const message of messages) {
    const key = message.metadata?.event_payload.key;
    if (message.threadTs !== undefined || typeof key !== 'string') continue;
    const raw = await redis.get(`${keys.prefix}alerted:${key}`);
    if (raw === null) continue;
    const record = JSON.parse(raw) as { ts?: string; postedAt?: string; recoveredFromHistory?: boolean };
    if (record.ts !== message.ts || record.recoveredFromHistory || !record.postedAt) continue;
    const recordedAt = Date.parse(record.postedAt);
    windows.fromStoredMs.push(recordedAt - Number(message.ts) * 1000);
    const call = calls.find((candidate) => candidate.response?.ts === message.ts);
    if (call) windows.fromRequestMs.push(recordedAt - call.at);
  }
  return windows;
}

export function describeWindows(windows: DuplicateWindows): string {
  return (
    `request received -> recorded: ${describe(windows.fromRequestMs)}; ` +
    `stored -> recorded: ${describe(windows.fromStoredMs)}`
  );
}

function describe(windows: readonly number[]): string {
  if (windows.length === 0) return 'no directly recorded posts';
  const sorted = [...windows].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return `${sorted.length} posts, min ${at(0)} ms, median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}
