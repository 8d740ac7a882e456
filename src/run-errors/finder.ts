/**
 * findActionError: reads the run's apply log, then its plan log, and returns the diagnostics that name the
 * failing action, or else the run's own errors (labelled as such), or one sentence saying why there are none.
 * Secrets are masked here, before anything is cached or posted.
 */

import { type LogReadOptions, readLogLines } from '../hcp/log-stream.js';
import type { RunLogApi, RunStages, StageKind, StageLog } from '../hcp/run-stages.js';
import { actionMatcher } from './address-match.js';
import { LogScanner } from './scanner.js';
import { maskSecrets } from './secrets.js';
import type { ActionErrorResult, ActionErrorUnavailable, ActionTarget, LogDiagnostic } from './types.js';
import {
  type LogProblem,
  noErrorsInLog,
  noLogYet,
  unavailableForApi,
  unavailableForLog,
} from './unavailable.js';

/** What one log read cost, for metrics and the bench. */
export interface LogReadEvent {
  stage: StageKind;
  outcome: string;
  bytes: number;
}

export interface ActionErrorFinderOptions {
  api: RunLogApi;
  /** The run's page in HCP Terraform, where people read its logs. */
  runPageUrl: (runId: string) => string;
  logRead?: LogReadOptions;
  onLogRead?: (event: LogReadEvent) => void;
}

export type FindActionError = (target: ActionTarget) => Promise<ActionErrorResult>;

interface StageScan {
  stage: StageKind;
  actionDiagnostics: LogDiagnostic[];
  runErrors: LogDiagnostic[];
  problem: LogProblem | null;
}

export function createActionErrorFinder(options: ActionErrorFinderOptions): FindActionError {
  return async (target) => {
    let stages: RunStages;
    try {
      stages = await options.api.getRunStages(target.runId);
    } catch (error) {
      return unavailableForApi(error);
    }
    const logUrlForHumans = options.runPageUrl(target.runId);
    const order: [StageKind, string | null][] = [
      ['apply', stages.applyId],
      ['plan', stages.planId],
    ];
    const fallback: { stage: StageKind; diagnostics: LogDiagnostic[] }[] = [];
    let problem: ActionErrorUnavailable | null = null;
    let readAny = false;
    for (const [stage, id] of order) {
      if (id === null) continue;
      let scan: StageScan | null;
      try {
        scan = await scanStage(options, target, stage, id);
      } catch (error) {
        problem ??= unavailableForApi(error);
        continue;
      }
      if (scan === null) continue;
      readAny = true;
      if (scan.actionDiagnostics.length > 0)
        return { source: 'action', stage, diagnostics: masked(scan.actionDiagnostics), logUrlForHumans };
      if (scan.runErrors.length > 0) fallback.push({ stage, diagnostics: scan.runErrors });
      if (scan.problem !== null) problem ??= unavailableForLog(scan.problem);
    }
    const first = fallback[0];
    if (first !== undefined)
      return { source: 'run', stage: first.stage, diagnostics: masked(first.diagnostics), logUrlForHumans };
    return problem ?? (readAny ? noErrorsInLog() : noLogYet());
  };
}

/** null when the stage has no log link. An expired link is asked for once more: links are short-lived. */
async function scanStage(
  options: ActionErrorFinderOptions,
  target: ActionTarget,
  stage: StageKind,
  id: string,
): Promise<StageScan | null> {
  let log: StageLog = await options.api.getStageLog(stage, id);
  for (let attempt = 1; ; attempt++) {
    if (log.logReadUrl === null) return null;
    const scanner = new LogScanner(actionMatcher(target));
    const outcome = await readLogLines(log.logReadUrl, (line) => scanner.line(line), options.logRead);
    scanner.end();
    options.onLogRead?.({ stage, outcome: outcome.kind, bytes: 'bytes' in outcome ? outcome.bytes : 0 });
    if (outcome.kind === 'expired' && attempt === 1) {
      log = await options.api.getStageLog(stage, id);
      continue;
    }
    return {
      stage,
      actionDiagnostics: scanner.actionDiagnostics,
      runErrors: scanner.runErrorDiagnostics,
      problem: outcome.kind === 'complete' ? null : outcome,
    };
  }
}

function masked(diagnostics: readonly LogDiagnostic[]): LogDiagnostic[] {
  return diagnostics.map((diagnostic) => ({
    ...diagnostic,
    summary: maskSecrets(diagnostic.summary),
    detail: maskSecrets(diagnostic.detail),
    address: diagnostic.address === null ? null : maskSecrets(diagnostic.address),
  }));
}
