/** A run's plan and apply, and where their logs are (types of runs.ts). */

export interface RunStages {
  runId: string;
  /** The run's status as HCP Terraform reports it (planning, applied, errored, ...); null when absent. */
  status: string | null;
  /** null before the run has a plan. */
  planId: string | null;
  /** null when the run never got to an apply. */
  applyId: string | null;
}

export type StageKind = 'plan' | 'apply';

export interface StageLog {
  kind: StageKind;
  id: string;
  /** pending, running, errored, finished, ... (the plan and apply enums differ; read as text); null when absent. */
  status: string | null;
  /**
   * Pre-signed, short-lived URL of the log, fetched without the token; null when HCP Terraform gives none.
   * It is a bearer credential in itself: never log it.
   */
  logReadUrl: string | null;
}

/** What the run-errors finder needs of HCP Terraform. */
export interface RunLogApi {
  getRunStages(runId: string): Promise<RunStages>;
  getStageLog(kind: StageKind, id: string): Promise<StageLog>;
}

const STAGE_ID_PATTERNS: Record<StageKind, RegExp> = {
  plan: /^plan-[A-Za-z0-9]{1,64}$/,
  apply: /^apply-[A-Za-z0-9]{1,64}$/,
};

export function isStageId(kind: StageKind, value: unknown): value is string {
  return typeof value === 'string' && STAGE_ID_PATTERNS[kind].test(value);
}
