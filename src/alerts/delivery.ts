import type { Logger } from '../logger.js';
import { type AlertInput, renderAlert, renderAlertBurst } from '../slack/blocks/alert.js';
import type { ButtonCodec } from '../slack/buttons/codec.js';
import { handleFailure, jitter } from './delivery-failure.js';
import type { AlertItem, PostJobSink } from './jobs.js';
import { type AlertRef, alertKey } from './keys.js';
import { type AlertMetrics, noopAlertMetrics } from './metrics.js';
import type { MuteStore } from './mutes.js';
import type { SlackNotifier } from './notifier.js';
import { classifySlackError, type SlackFailure } from './slack-errors.js';
import { type AlertState, type ClaimOptions, newToken } from './state.js';

export interface DeliveryDeps {
  state: AlertState;
  mutes: MuteStore;
  notifier: SlackNotifier;
  codec: ButtonCodec;
  tfeAddress: string;
  logger: Logger;
  metrics?: AlertMetrics;
  clock?: () => number;
  /** Where posts parked for an unreachable channel go once a post there succeeds again (the post queue). */
  releaseSink?: PostJobSink;
  /** Claim TTL and takeover age; the defaults suit production (tests shorten them). */
  claimOptions?: ClaimOptions;
}

export type DeliveryResult =
  | { status: 'done'; posted: number }
  /** Nothing was posted; run the job again after delayMs (pacing, a claim held elsewhere, a 429). */
  | { status: 'later'; delayMs: number; reason: string };

/** Facts of an alert as the lastalert record keeps them for recovery. */
export interface StoredAlert {
  item: AlertItem;
  workspace: AlertInput['workspace'];
}

const CLAIM_BUSY_RECHECK_MS = 5_000;

interface Pending {
  ref: AlertRef;
  item: AlertItem;
  key: string;
}

/**
 * Exactly once per (channel, action, run): record? done. Claim, re-check the record, take the channel's
 * send slot, mark the attempt, look in the history if an earlier attempt died after posting, post, record.
 */
export async function deliverAlerts(
  channelId: string,
  workspace: AlertInput['workspace'],
  items: readonly AlertItem[],
  owner: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const { state, notifier } = deps;
  const clock = deps.clock ?? Date.now;
  const log = deps.logger.child({ channel: channelId, job: owner });
  let todo: Pending[] = items.map((item) => {
    const ref = { channelId, actionId: item.summary.actionId, runId: item.summary.runId };
    return { ref, item, key: alertKey(ref) };
  });

  todo = await dropMuted(todo, channelId, deps, clock());
  todo = await state.notAlerted(todo.map(withRef)).then((left) => left.map((entry) => entry.pending));
  if (todo.length === 0) return { status: 'done', posted: 0 };

  const token = newToken();
  const claims = await state.claimAll(
    todo.map((entry) => entry.ref),
    owner,
    token,
    deps.claimOptions,
  );
  const held = todo.filter((_entry, index) => claims[index]?.acquired === true);
  const waits = claims.flatMap((claim) => (claim.acquired ? [] : [claim.waitMs]));
  if (waits.length > 0) {
    await state.releaseClaims(
      held.map((entry) => entry.ref),
      owner,
      token,
    );
    const delayMs = Math.min(Math.max(...waits), CLAIM_BUSY_RECHECK_MS);
    log.debug({ delayMs }, 'alert claimed by another attempt; checking again later');
    return { status: 'later', delayMs, reason: 'claimed elsewhere' };
  }
  const release = () =>
    state.releaseClaims(
      todo.map((entry) => entry.ref),
      owner,
      token,
    );

  // Another attempt may have recorded between our first look and our claim.
  const unrecorded = await state.notAlerted(todo.map(withRef));
  if (unrecorded.length < todo.length) {
    await state.releaseClaims(
      todo.filter((entry) => !unrecorded.some((left) => left.pending === entry)).map((entry) => entry.ref),
      owner,
      token,
    );
    todo = unrecorded.map((entry) => entry.pending);
    if (todo.length === 0) return { status: 'done', posted: 0 };
  }

  const slotWait = await notifier.reserveSlot(channelId);
  if (slotWait > 0) {
    await release();
    return { status: 'later', delayMs: slotWait + jitter(), reason: 'channel pacing' };
  }

  // An earlier attempt that left its marker may have posted without recording: look before posting again.
  const earlier = (
    await state.markPosting(
      todo.map((entry) => entry.ref),
      clock(),
    )
  ).filter((previous): previous is number => previous !== null);
  if (earlier.length > 0) {
    const lookup = await findEarlierPosts(channelId, todo, Math.min(...earlier), deps, log);
    if (!lookup.ok) {
      // History unreadable for now (rate limit, outage): keep the markers, try again later.
      await release();
      return handleFailure(lookup.failure, lookup.error, channelId, deps, log);
    }
    const { found } = lookup;
    if (found.size > 0) {
      await state.recordPosted(
        todo
          .filter((entry) => found.has(entry.key))
          .map((entry) => {
            const hit = found.get(entry.key) as { ts: string; grouped: boolean };
            return recordEntry(entry, workspace, hit.ts, hit.grouped, owner, token, clock(), true);
          }),
      );
      log.info(
        { recovered: found.size },
        'found alerts an earlier attempt posted; recorded them instead of posting',
      );
      todo = todo.filter((entry) => !found.has(entry.key));
      if (todo.length === 0) return { status: 'done', posted: 0 };
    }
  }

  const inputs = todo.map((entry) => alertInput(entry.item, workspace, deps.tfeAddress));
  const encoder = deps.codec.encoderFor(channelId);
  const grouped = inputs.length > 1;
  const message = grouped ? renderAlertBurst(inputs, encoder) : renderAlert(inputs[0] as AlertInput, encoder);
  const keys = todo.map((entry) => entry.key);

  let ts: string;
  try {
    ts = await notifier.post(channelId, message, { alertKeys: keys });
  } catch (error) {
    const failure = classifySlackError(error);
    // Unknown outcome: keep claim and markers, so the retry waits for the takeover age and reads the history.
    if (failure.kind !== 'unknown_outcome') {
      await release();
      await state.clearPosting(todo.map((entry) => entry.ref));
    }
    return handleFailure(failure, error, channelId, deps, log);
  }

  const postedAt = clock();
  await state.recordPosted(
    todo.map((entry) => recordEntry(entry, workspace, ts, grouped, owner, token, postedAt, false)),
  );
  const metrics = deps.metrics ?? noopAlertMetrics;
  metrics.alertsPosted(grouped ? 'burst' : 'alert', todo.length);
  for (const entry of todo) {
    const invoked = Date.parse(entry.item.summary.invokedAt ?? '');
    if (Number.isFinite(invoked)) metrics.alertLatencySeconds(Math.max(0, (postedAt - invoked) / 1000));
  }
  log.info({ ts, alerts: keys }, grouped ? 'posted grouped alert' : 'posted alert');
  return { status: 'done', posted: todo.length };
}

async function dropMuted(
  todo: Pending[],
  channelId: string,
  deps: DeliveryDeps,
  now: number,
): Promise<Pending[]> {
  const muted = await deps.mutes.mutedAmong(
    channelId,
    todo.map((entry) => entry.ref.actionId),
  );
  if (muted.size === 0) return todo;
  const silenced = todo.filter((entry) => muted.has(entry.ref.actionId));
  await deps.state.markSuppressed(
    silenced.map((entry) => entry.ref),
    'muted',
    new Date(now),
  );
  return todo.filter((entry) => !muted.has(entry.ref.actionId));
}

type HistoryLookup =
  | { ok: true; found: Map<string, { ts: string; grouped: boolean }> }
  | { ok: false; failure: SlackFailure; error: unknown };

/** Slack ts and our clock may disagree a little; the look-back starts this much before the earlier attempt. */
const HISTORY_MARGIN_MS = 5 * 60_000;

async function findEarlierPosts(
  channelId: string,
  todo: Pending[],
  sinceMs: number,
  deps: DeliveryDeps,
  log: Logger,
): Promise<HistoryLookup> {
  try {
    const found = await deps.notifier.findPosted(
      channelId,
      todo.map((entry) => entry.key),
      sinceMs - HISTORY_MARGIN_MS,
    );
    return { ok: true, found };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') return { ok: false, failure, error };
    log.warn(
      { error: failure.code },
      'an earlier attempt may have posted these alerts but the channel history cannot be read; posting anyway, a duplicate is possible',
    );
    return { ok: true, found: new Map() };
  }
}

function recordEntry(
  entry: Pending,
  workspace: AlertInput['workspace'],
  ts: string,
  grouped: boolean,
  owner: string,
  token: string,
  postedAt: number,
  fromHistory: boolean,
) {
  const { summary } = entry.item;
  const stored: StoredAlert = { item: entry.item, workspace };
  return {
    ref: entry.ref,
    record: {
      channel: entry.ref.channelId,
      ts,
      actionId: entry.ref.actionId,
      runId: entry.ref.runId,
      invokedAt: summary.invokedAt ?? '',
      postedAt: new Date(postedAt).toISOString(),
      ...(grouped ? { grouped: true } : {}),
      ...(fromHistory ? { recoveredFromHistory: true } : {}),
    },
    invokedAtMs: Date.parse(summary.invokedAt ?? '') || 0,
    ts,
    grouped,
    input: JSON.stringify(stored),
    claim: { owner, token },
  };
}

export function alertInput(
  item: AlertItem,
  workspace: AlertInput['workspace'],
  tfeAddress: string,
): AlertInput {
  return { summary: item.summary, action: item.action, workspace, tfeAddress };
}

function withRef(pending: Pending): AlertRef & { pending: Pending } {
  return { ...pending.ref, pending };
}
