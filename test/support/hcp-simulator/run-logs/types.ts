/** Runs, plans and applies with logs, as tests describe them to the simulator. */

export type LogFormat = 'json' | 'plain';

/**
 * How the log URL behaves: served (ok), refused with 403 because the token's team may not read logs
 * (forbidden), handed out already expired (expired: 403 with an "expired" body, as object stores answer), or
 * gone (missing: 404).
 */
export type LogMode = 'ok' | 'forbidden' | 'expired' | 'missing';

export type LogContent =
  | { lines: readonly string[] }
  /** Generated on the fly while it is sent, never held in memory: filler lines, then `tail` at the end. */
  | { generated: { bytes: number; format: LogFormat; tail: readonly string[] } };

export interface StageInput {
  status?: string;
  log: LogContent;
  mode?: LogMode;
  /** Seconds a handed-out log URL stays valid on the simulator clock. Default 60. */
  urlLifetimeSeconds?: number;
}

export interface RunWithLogsInput {
  id?: string;
  status?: string;
  plan: StageInput;
  /** Omitted: the run never got to an apply. */
  apply?: StageInput;
}

export interface RunWithLogs {
  runId: string;
  planId: string;
  applyId: string | null;
}

/** One read of a log URL, for assertions on cost and on what the client sent. */
export interface LogRead {
  stageId: string;
  status: number;
  /** Whether the request carried an Authorization header (it never should). */
  hadAuthorization: boolean;
  /** Bytes written before the client stopped reading or the log ended. */
  bytesSent: number;
  /** Whether the whole log was sent. */
  finished: boolean;
}
