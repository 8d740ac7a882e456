import type { HcpApi } from '../hcp/api.js';
import type { Action, RunSummary } from '../hcp/types.js';
import type { Logger } from '../logger.js';
import type { PostJobSink } from './jobs.js';
import type { AlertMetrics, PollOutcome } from './metrics.js';
import type { MuteStore } from './mutes.js';
import type { AlertState } from './state.js';

/**
 * Invocations carry whole-second timestamps and may be committed a little after their invoked-at, so each
 * tick re-reads this much of the past; what was already handled is dropped by alert records.
 */
export const SETTLE_SECONDS = 30;

export interface PollerDeps {
  hcp: HcpApi;
  state: AlertState;
  mutes: MuteStore;
  sink: PostJobSink;
  logger: Logger;
  /** How many alerts one grouped message may list (MAX_ALERTS_PER_MESSAGE in production). */
  maxBurstItems: number;
  metrics?: AlertMetrics;
  /** Local clock, only for the age of pending runs and record timestamps; never for the cursor. */
  clock?: () => number;
}

export interface TickResult {
  outcome: PollOutcome;
  alerts: number;
  recoveries: number;
  suppressed: number;
  pending: number;
  cursor: string | null;
  /** Runs dropped from the pending set this tick (age or size bound): their outcome will not be alerted. */
  dropped: number;
  /** The first few of them, by run ID. */
  droppedRuns: string[];
}

/** A run summary a tick read, with its action. */
export interface Seen {
  summary: RunSummary;
  /** Null when the run came from the pending set and its action was not listed this tick. */
  action: Action | null;
}

export interface RunRef {
  actionId: string;
  runId: string;
}

export function runOf(run: RunRef): RunRef {
  return { actionId: run.actionId, runId: run.runId };
}

export function summaryId(run: RunRef): string {
  return `${run.actionId}:${run.runId}`;
}

export function clockOf(deps: PollerDeps): () => number {
  return deps.clock ?? Date.now;
}

export function emptyResult(outcome: PollOutcome, cursor: string | null): TickResult {
  return {
    outcome,
    alerts: 0,
    recoveries: 0,
    suppressed: 0,
    pending: 0,
    cursor,
    dropped: 0,
    droppedRuns: [],
  };
}
