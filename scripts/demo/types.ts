/** Public shapes of the offline demo. */

export interface DemoOptions {
  /** Play the scenario, check its outcome and stop (CI's smoke test); otherwise keep an ongoing scenario. */
  once: boolean;
  /** With once: keep the stand-in page and the processes up after the check, until close(). */
  keepServing?: boolean;
  /** Narrate and print every Slack message to stdout (default true). */
  print?: boolean;
  /**
   * A throwaway Redis the demo may flush, instead of REDIS_URL (never flushed) or a private redis-server
   * (tests pass one they started).
   */
  redisUrl?: string;
  /** Upper bound of a --once run, setup included (default 115 s). */
  budgetMs?: number;
  /** Aborting it stops the demo wherever it is and closes everything; runDemo then rejects. */
  signal?: AbortSignal;
}

/** One alert the scenario expects, and where it was found. */
export interface AlertFinding {
  step: string;
  address: string;
  runId: string;
  /** ts of the alert message, null when it never came. */
  ts: string | null;
}

export interface DemoOutcome {
  /** Every expectation held. */
  ok: boolean;
  /** What was missing or wrong, in plain words; empty when ok. */
  problems: string[];
  alerts: AlertFinding[];
  /** ts of the Invocations drill-down reply in the first alert's thread. */
  drillDownTs: string | null;
  /** ts of the "recovered" reply in the first alert's thread. */
  recoveryReplyTs: string | null;
  /** From the start of runDemo to the end of the check. */
  durationMs: number;
}

export interface DemoHandle {
  /** The stand-in's Slack-like page of every message (GET /). */
  readonly baseUrl: string;
  readonly outcome: DemoOutcome;
  /** Stops the ongoing scenario, the processes, the stand-in, the simulator and a private Redis. Idempotent. */
  close(): Promise<void>;
}
