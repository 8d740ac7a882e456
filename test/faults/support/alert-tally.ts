import { ALERT_EVENT_TYPE } from '../../../src/alerts/slack-poster.js';
import type { PostedMessage } from '../../support/slack-standin/index.js';

/**
 * Every alert key (`<channel>:<action>:<run>`) carried by top-level alert messages, once per message that
 * carries it: a key listed twice was posted twice. Grouped alerts list several keys in `keys`.
 */
export function postedAlertKeys(messages: readonly PostedMessage[]): string[] {
  const keys: string[] = [];
  for (const message of messages) {
    if (message.threadTs !== undefined || message.metadata?.event_type !== ALERT_EVENT_TYPE) continue;
    const payload = message.metadata.event_payload;
    const carried = new Set(typeof payload.keys === 'string' ? payload.keys.split(' ') : []);
    if (typeof payload.key === 'string') carried.add(payload.key);
    carried.delete('');
    keys.push(...carried);
  }
  return keys;
}

export interface Tally {
  /** Expected and never posted: lost alerts. */
  missing: string[];
  /** Posted more than once (each listed once). */
  duplicates: string[];
  /** Posted but never expected (history, or a failure the test did not make). */
  unexpected: string[];
}

export function tally(posted: readonly string[], expected: Iterable<string>): Tally {
  const counts = new Map<string, number>();
  for (const key of posted) counts.set(key, (counts.get(key) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    missing: [...wanted].filter((key) => !counts.has(key)),
    duplicates: [...counts].filter(([, count]) => count > 1).map(([key]) => key),
    unexpected: [...counts.keys()].filter((key) => !wanted.has(key)),
  };
}

export function keyOf(channelId: string, actionId: string, runId: string): string {
  return `${channelId}:${actionId}:${runId}`;
}
