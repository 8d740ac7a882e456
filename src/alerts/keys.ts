/**
 * Every Redis key of the alert pipeline, and every BullMQ name and job ID, in one place.
 *
 * Keys share one prefix (default `tfa:`). A Redis Cluster deployment sets a hash-tag prefix such as `{tfa}:`
 * so that the multi-key scripts below and BullMQ's own keys land in one slot.
 */

export const DEFAULT_KEY_PREFIX = 'tfa:';

export const POLL_QUEUE = 'alerts-poll';
export const POST_QUEUE = 'alerts-post';

/** Identity of one alert: one (channel, action, run). */
export interface AlertRef {
  channelId: string;
  actionId: string;
  runId: string;
}

export interface AlertKeys {
  readonly prefix: string;
  /** BullMQ's `prefix` option: the key prefix without its trailing colon (BullMQ adds its own). */
  readonly bullPrefix: string;
  subscription(subscriptionId: string): string;
  channelSubscriptions(channelId: string): string;
  allSubscriptions(): string;
  mute(channelId: string, actionId: string): string;
  channelMutes(channelId: string): string;
  cursor(subscriptionId: string): string;
  pending(subscriptionId: string): string;
  /** Hash action ID -> the last invocation whose run summaries were read for the subscription. */
  readInvocations(subscriptionId: string): string;
  /** The 404 flag of earlier versions; only deleted now (health.ts replaced it). */
  lastError(subscriptionId: string): string;
  /** Hash of the subscription's poll health (health.ts). */
  health(subscriptionId: string): string;
  /** Set of subscription IDs whose alerts are not working (failing polls or an unreachable channel). */
  failingSubscriptions(): string;
  /** Hash job ID -> post job refused because the bot cannot post in the channel, kept until it is back. */
  parked(channelId: string): string;
  pollLock(subscriptionId: string): string;
  alerted(ref: AlertRef): string;
  claim(ref: AlertRef): string;
  posting(ref: AlertRef): string;
  queued(ref: AlertRef): string;
  /** The alert's error text was posted in its thread (errors:auto). */
  errorTextPosted(ref: AlertRef): string;
  /** Held while one attempt posts the alert's error text. */
  errorTextClaim(ref: AlertRef): string;
  lastAlert(channelId: string, actionId: string): string;
  pace(channelId: string): string;
  slackErrorLogged(channelId: string, error: string): string;
}

export function createAlertKeys(prefix: string = DEFAULT_KEY_PREFIX): AlertKeys {
  if (prefix === '' || /\s/.test(prefix)) throw new Error('the Redis key prefix must be a non-empty word');
  const p = prefix.endsWith(':') ? prefix : `${prefix}:`;
  const alert = (kind: string, ref: AlertRef) => `${p}${kind}:${alertKey(ref)}`;
  return {
    prefix: p,
    bullPrefix: p.slice(0, -1),
    subscription: (id) => `${p}sub:${id}`,
    channelSubscriptions: (channelId) => `${p}subs:channel:${channelId}`,
    allSubscriptions: () => `${p}subs:all`,
    mute: (channelId, actionId) => `${p}mute:${channelId}:${actionId}`,
    channelMutes: (channelId) => `${p}mutes:${channelId}`,
    cursor: (id) => `${p}cursor:${id}`,
    pending: (id) => `${p}pending:${id}`,
    readInvocations: (id) => `${p}readinv:${id}`,
    lastError: (id) => `${p}lasterror:${id}`,
    health: (id) => `${p}health:${id}`,
    failingSubscriptions: () => `${p}health:failing`,
    parked: (channelId) => `${p}parked:${channelId}`,
    pollLock: (id) => `${p}lock:poll:${id}`,
    alerted: (ref) => alert('alerted', ref),
    claim: (ref) => alert('claim', ref),
    posting: (ref) => alert('posting', ref),
    queued: (ref) => alert('queued', ref),
    errorTextPosted: (ref) => alert('errortext', ref),
    errorTextClaim: (ref) => alert('errortext-claim', ref),
    lastAlert: (channelId, actionId) => `${p}lastalert:${channelId}:${actionId}`,
    pace: (channelId) => `${p}pace:${channelId}`,
    slackErrorLogged: (channelId, error) => `${p}slackerr:${channelId}:${error}`,
  };
}

/** `<channel>:<action>:<run>`: the alert's identity in records and in the Slack message metadata. */
export function alertKey(ref: AlertRef): string {
  return `${ref.channelId}:${ref.actionId}:${ref.runId}`;
}

export function parseAlertKey(key: string): AlertRef | null {
  const parts = key.split(':');
  if (parts.length !== 3) return null;
  const [channelId, actionId, runId] = parts;
  if (!channelId || !actionId || !runId) return null;
  return { channelId, actionId, runId };
}

export function subscriptionIdFor(channelId: string, workspaceId: string): string {
  return `${channelId}-${workspaceId}`;
}

/** BullMQ job and scheduler IDs. BullMQ reserves `:` in custom IDs, so none of these may contain one. */
export const jobIds = {
  pollScheduler: (subscriptionId: string) => safeJobId(`poll-${subscriptionId}`),
  alert: (ref: AlertRef) => safeJobId(`alert-${ref.channelId}-${ref.actionId}-${ref.runId}`),
  burst: (channelId: string, digest: string) => safeJobId(`burst-${channelId}-${digest}`),
  errorText: (ref: AlertRef) => safeJobId(`errortext-${ref.channelId}-${ref.actionId}-${ref.runId}`),
  recovery: (ref: AlertRef) => safeJobId(`recovery-${ref.channelId}-${ref.actionId}-${ref.runId}`),
  problem: (subscriptionId: string, at: number) => safeJobId(`problem-${subscriptionId}-${at}`),
  health: (subscriptionId: string, state: string, at: number) =>
    safeJobId(`health-${subscriptionId}-${state}-${at}`),
  unparked: (jobId: string, parkedAt: number) => safeJobId(`unparked-${parkedAt}-${jobId}`),
};

function safeJobId(id: string): string {
  if (id.includes(':')) throw new Error(`job ID ${JSON.stringify(id)} must not contain ':'`);
  return id;
}
