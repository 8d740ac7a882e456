import { describeOutage } from '../alerts/health-words.js';
import type { AlertFacts, AlertMessage, AlertPresenter, RecoveryFacts } from '../alerts/presenter.js';
import { type ActionErrorResult, isUnavailable } from '../run-errors/types.js';
import { renderActionError } from './blocks/action-error.js';
import {
  type AlertInput,
  renderAlert,
  renderAlertBurst,
  renderRecoveredAlert,
  renderRecoveryReply,
  renderWorkspaceProblem,
} from './blocks/alert.js';
import { ButtonMaker } from './blocks/buttons.js';
import { renderAlertsNotWorking, renderAlertsResumed } from './blocks/health.js';
import { runUrl } from './blocks/links.js';
import { escapeMrkdwnOnce } from './blocks/mrkdwn.js';
import type { ButtonCodec } from './buttons/codec.js';

/** The one place that draws every alert message; it holds the button codec and the HCP address for links. */
export class SlackAlertPresenter implements AlertPresenter {
  constructor(
    private readonly codec: ButtonCodec,
    private readonly tfeAddress: string,
  ) {}

  alert(channelId: string, alert: AlertFacts): AlertMessage {
    return renderAlert(this.input(alert), this.codec.encoderFor(channelId));
  }

  burst(channelId: string, alerts: readonly AlertFacts[]): AlertMessage {
    return renderAlertBurst(
      alerts.map((alert) => this.input(alert)),
      this.codec.encoderFor(channelId),
    );
  }

  recoveredAlert(channelId: string, alert: AlertFacts, recovery: RecoveryFacts): AlertMessage {
    return renderRecoveredAlert(
      this.input(alert),
      recovery.recoveredRunId,
      recovery.recoveredAt,
      this.codec.encoderFor(channelId),
    );
  }

  recoveryReply(alert: AlertFacts, recovery: RecoveryFacts): AlertMessage {
    return renderRecoveryReply(this.input(alert), recovery.recoveredRunId, recovery.recoveredAt);
  }

  actionError(channelId: string, alert: AlertFacts, result: ActionErrorResult): AlertMessage {
    const shown = isUnavailable(result)
      ? result
      : { ...result, logUrlForHumans: runUrl(this.tfeAddress, alert.workspace, alert.summary.runId) };
    return renderActionError(
      shown,
      { actionAddress: alert.action.address, runId: alert.summary.runId },
      new ButtonMaker(this.codec.encoderFor(channelId)),
    );
  }

  workspaceProblem(workspaceLabel: string, problem: string): AlertMessage {
    return renderWorkspaceProblem(workspaceLabel, problem);
  }

  healthNotice(...[workspaceLabel, notice]: Parameters<AlertPresenter['healthNotice']>): AlertMessage {
    if (notice.state === 'resumed') return renderAlertsResumed(workspaceLabel, notice);
    const words = describeOutage(notice.errorClass, escapeMrkdwnOnce(workspaceLabel));
    return renderAlertsNotWorking(workspaceLabel, words, notice.since);
  }

  private input(alert: AlertFacts): AlertInput {
    return {
      summary: alert.summary,
      action: alert.action,
      workspace: alert.workspace,
      tfeAddress: this.tfeAddress,
    };
  }
}
