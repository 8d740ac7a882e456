/** The failing action's error text, as found in a run's logs. */

import type { StageKind } from '../hcp/run-stages.js';

export type Severity = 'error' | 'warning';

export interface LogDiagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  /** The resource or action address the diagnostic is about, when the log says. */
  address: string | null;
  /** `main.tf line 12`, when the log says. */
  location: string | null;
}

/** Which failure to look for. */
export interface ActionTarget {
  runId: string;
  /** As the actions API gives it, e.g. action.aws_lambda_invoke.notify (module prefix and key optional). */
  actionAddress: string;
  /** The resources whose lifecycle triggered the failed invocations. */
  triggeringResourceAddresses: readonly string[];
}

export interface ActionErrorFound {
  /** 'action': diagnostics that name the action; 'run': the run's errors, shown because none did. */
  source: 'action' | 'run';
  /** The log they came from. */
  stage: StageKind;
  /** Secrets already masked. */
  diagnostics: LogDiagnostic[];
  /** The run's page in HCP Terraform, for the "Open logs" link (never the pre-signed log URL). */
  logUrlForHumans: string;
}

export interface ActionErrorUnavailable {
  /** One sentence for the channel: why there is no error text. */
  unavailable: string;
  /** Whether asking again later may succeed (a timeout), so the answer is only cached briefly. */
  transient: boolean;
}

export type ActionErrorResult = ActionErrorFound | ActionErrorUnavailable;

export function isUnavailable(result: ActionErrorResult): result is ActionErrorUnavailable {
  return 'unavailable' in result;
}
