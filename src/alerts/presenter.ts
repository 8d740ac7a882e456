import type { Workspace } from '../hcp/types.js';
import type { ActionErrorResult } from '../run-errors/types.js';
import type { AlertItem, HealthNotice } from './jobs.js';

/**
 * A message as the alert pipeline hands it to Slack. The pipeline never looks inside `blocks`: the presenter
 * (src/slack) builds them and the poster passes them through.
 */
export interface AlertMessage {
  text: string;
  blocks: readonly unknown[];
}

/** One failed run of an action, in the workspace it ran in. */
export interface AlertFacts extends AlertItem {
  workspace: Workspace;
}

/** A later run of the same action succeeded. */
export interface RecoveryFacts {
  recoveredRunId: string;
  recoveredAt: string;
}

/**
 * The most failures one grouped message lists; longer lists become several jobs. Chosen so a full message
 * fits Slack's 50-block limit (a header, one section per failure, a footer); the presenter's tests prove it.
 */
export const MAX_ALERTS_PER_MESSAGE = 48;

/**
 * Turns alert domain objects into Slack messages. The alert pipeline depends on this port only; src/slack
 * implements it (docs/architecture.md), holding whatever it needs to draw buttons and links.
 */
export interface AlertPresenter {
  /** One failed run, posted to `channelId` (buttons are bound to the channel). */
  alert(channelId: string, alert: AlertFacts): AlertMessage;
  /** Several failures of one poll in one message: at most MAX_ALERTS_PER_MESSAGE. */
  burst(channelId: string, alerts: readonly AlertFacts[]): AlertMessage;
  /** The alert as it reads once a later run succeeded (chat.update). */
  recoveredAlert(channelId: string, alert: AlertFacts, recovery: RecoveryFacts): AlertMessage;
  /** The reply in the alert's thread when the action succeeds again. */
  recoveryReply(alert: AlertFacts, recovery: RecoveryFacts): AlertMessage;
  /** The failing action's error text (or why there is none), as a reply in the alert's thread. */
  actionError(channelId: string, alert: AlertFacts, result: ActionErrorResult): AlertMessage;
  /** A workspace stopped answering (jobs queued by earlier versions). */
  workspaceProblem(workspaceLabel: string, problem: string): AlertMessage;
  /** A subscription's alerts stopped working, or work again. */
  healthNotice(workspaceLabel: string, notice: HealthNotice): AlertMessage;
}
