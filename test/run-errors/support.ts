import type { AlertItem } from '../../src/alerts/jobs.js';
import { unpaced } from '../../src/hcp/pacing.js';
import type { RunLogApi } from '../../src/hcp/run-stages.js';
import { createRunLogApi } from '../../src/hcp/runs.js';
import type { FindActionError } from '../../src/run-errors/finder.js';
import {
  type ActionErrorFinderOptions,
  createActionErrorFinder,
  type LogReadEvent,
} from '../../src/run-errors/finder.js';
import type { HcpSimulator } from '../support/hcp-simulator/index.js';
import {
  actionErroredLine,
  actionStartLine,
  applyCompleteLine,
  applyStartLine,
  diagnosticLine,
  versionLine,
} from '../support/hcp-simulator/run-logs/ui-messages.js';

export const ACTION = 'action.aws_lambda_invoke.notify';
export const TRIGGER = 'aws_instance.web';

export function runPageUrl(sim: HcpSimulator, runId: string): string {
  return `${sim.address}/app/acme/workspaces/net/runs/${runId}`;
}

export function simRunLogApi(sim: HcpSimulator): RunLogApi {
  return simRunLogApiAt(sim.address, sim.token);
}

/** For a process other than the simulator's, which knows only its address and token. */
export function simRunLogApiAt(address: string, token: string): RunLogApi {
  return createRunLogApi({ address, token, pacer: unpaced, sleep: async () => {} });
}

/** The finder of tfactions against the simulator; every log read is recorded. */
export function simFinder(
  sim: HcpSimulator,
  options: Partial<ActionErrorFinderOptions> = {},
): { find: FindActionError; reads: LogReadEvent[] } {
  const reads: LogReadEvent[] = [];
  const api = simRunLogApi(sim);
  const find = createActionErrorFinder({
    api,
    runPageUrl: (runId) => runPageUrl(sim, runId),
    onLogRead: (event) => reads.push(event),
    ...options,
  });
  return { find, reads };
}

export function target(runId: string, actionAddress = ACTION, triggers: string[] = [TRIGGER]) {
  return { runId, actionAddress, triggeringResourceAddresses: triggers };
}

/** An apply log in which the action failed, with the diagnostic Terraform prints for it. */
export function failedActionApplyLog(error: string): string[] {
  return [
    versionLine(),
    applyStartLine(TRIGGER),
    applyCompleteLine(TRIGGER),
    actionStartLine({ action: ACTION, triggeringResource: TRIGGER }),
    actionErroredLine({ action: ACTION, triggeringResource: TRIGGER, error }),
    diagnosticLine({
      severity: 'error',
      summary: 'Error invoking action',
      detail: `The action ${ACTION} failed: ${error}`,
      filename: 'main.tf',
      line: 12,
      code: 'action "aws_lambda_invoke" "notify" {',
    }),
  ];
}

/** The alert of ACTION failing once in `runId` (one failed lifecycle invocation), as the poller hands it over. */
export function failedActionAlert(actionId: string, runId: string, invokedAt: string): AlertItem {
  return {
    action: { id: actionId, address: ACTION, provider: 'aws', moduleAddress: 'system:root_module' },
    summary: {
      id: `${actionId}:${runId}`,
      actionId,
      runId,
      aggregateInvocationStatus: 'not_successful',
      invocationMethod: 'lifecycle',
      invokedAt,
      invokedBy: { username: 'alice', avatarUrl: null },
      successful: 0,
      failed: 1,
      plannedInvocationCount: 1,
    },
  };
}

/** A plan log with nothing wrong. */
export function cleanPlanLog(): string[] {
  return [versionLine()];
}
