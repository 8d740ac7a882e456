import type { HcpApi } from '../hcp/api.js';
import type { Workspace } from '../hcp/types.js';
import type { Logger } from '../logger.js';
import type { FindActionError } from '../run-errors/finder.js';
import type { ChannelPacing } from './channel-pacing.js';
import type { ClaimOptions } from './delivery-records.js';
import type { AlertItem, PostJobSink } from './jobs.js';
import type { AlertMetrics } from './metrics.js';
import type { MuteStore } from './mutes.js';
import type { AlertPresenter } from './presenter.js';
import type { SlackPoster } from './slack-poster.js';
import type { AlertState } from './state.js';

/** What running a post job needs: state in Redis, Slack, and the presenter that draws the messages. */
export interface DeliveryDeps {
  state: AlertState;
  mutes: MuteStore;
  poster: SlackPoster;
  pacing: ChannelPacing;
  presenter: AlertPresenter;
  logger: Logger;
  metrics?: AlertMetrics;
  clock?: () => number;
  /** Where posts parked for an unreachable channel go once a post there succeeds again (the post queue). */
  releaseSink?: PostJobSink;
  /** Claim TTL and takeover age; the defaults suit production (tests shorten them). */
  claimOptions?: ClaimOptions;
  /** errors:auto: absent, no error text is posted without a click. */
  errorText?: ErrorTextDeps;
}

export interface ErrorTextDeps {
  /** The cached finder: one log read per (run, action), shared with the web process's clicks. */
  find: FindActionError;
  /** The failed invocations' triggering resources help match the log's diagnostics. */
  hcp: Pick<HcpApi, 'listInvocations'>;
  /** Where the error-text jobs go (the post queue). */
  sink: PostJobSink;
}

export type DeliveryResult =
  | { status: 'done'; posted: number }
  /** Nothing was posted; run the job again after delayMs (pacing, a claim held elsewhere, a 429). */
  | { status: 'later'; delayMs: number; reason: string };

/** Facts of an alert as the lastalert record keeps them for recovery. */
export interface StoredAlert {
  item: AlertItem;
  workspace: Workspace;
}
