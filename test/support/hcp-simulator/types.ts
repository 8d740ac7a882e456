import type { SimRunLogs } from './run-logs/book.js';
import type { SeedFinalStatus, SeedMethod, SeedRunSource } from './seed-values.js';

export type PaginationStyle = 'both' | 'meta' | 'links' | 'none';

export interface SimulatorOptions {
  /** Bearer token every request must carry; default 'sim-token'. */
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Which pagination hints list responses carry (default 'both'), so clients can test each fallback. */
  paginationStyle?: PaginationStyle;
  /** errors[].status as a number instead of a string (default false). */
  errorStatusAsNumber?: boolean;
  /** More requests than this within any 1 s sliding window are answered 429 (default: no limit). */
  rateLimitPerSecond?: number;
  /** Variance mode from the start (default false): see setVariance. */
  variance?: boolean;
}

export interface SimWorkspace {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly createdAt: string;
}

export interface SimAction {
  readonly id: string;
  readonly workspaceId: string;
  readonly address: string;
  readonly provider: string;
  readonly moduleAddress: string;
  readonly instanceType: string;
  readonly countValue: number | null;
  readonly forEachValues: readonly string[] | null;
  readonly documentationUrl: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SimRun {
  readonly id: string;
  readonly workspaceId: string;
  readonly source: SeedRunSource;
  readonly inProgress: boolean;
}

export interface SimInvocation {
  readonly id: string;
  readonly actionId: string;
  readonly runId: string;
  readonly finalStatus: SeedFinalStatus;
  readonly method: SeedMethod;
  /** Username, or null for invocations without a human actor (`system:not_a_user`). */
  readonly invokedBy: string | null;
  readonly invokedByAvatarUrl: string | null;
  readonly actionKey: string | null;
  readonly triggerEvent: string | null;
  readonly triggeringResourceAddress: string | null;
  readonly actionTriggerBlockIndex: number | null;
  readonly actionsListIndex: number | null;
  readonly invokedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WorkspaceInput {
  id?: string;
  name: string;
  organization: string;
  createdAt?: string;
}

export interface ActionInput {
  id?: string;
  workspaceId: string;
  address: string;
  /** Defaults to the provider of the action type (`action.aws_lambda_invoke.x` -> `aws`). */
  provider?: string;
  /** Defaults to `system:root_module`. */
  moduleAddress?: string;
  /** Defaults to 'single'. */
  instanceType?: string;
  countValue?: number | null;
  forEachValues?: string[] | null;
  documentationUrl?: string | null;
  createdAt?: string;
  /** Defaults to createdAt. */
  updatedAt?: string;
}

export interface RunInput {
  id?: string;
  workspaceId: string;
  /** Defaults to 'tfe-api'. */
  source?: SeedRunSource;
  /** Defaults to false. */
  inProgress?: boolean;
}

export interface InvocationInput {
  id?: string;
  actionId: string;
  runId: string;
  /** Defaults to 'successful'. */
  finalStatus?: SeedFinalStatus;
  /** Defaults to 'direct'. */
  method?: SeedMethod;
  /** Defaults to null (no human actor). */
  invokedBy?: string | null;
  /** Defaults to https://example.com/avatars/<username>.png when invokedBy is set. */
  invokedByAvatarUrl?: string | null;
  actionKey?: string | null;
  triggerEvent?: string | null;
  triggeringResourceAddress?: string | null;
  blockIndex?: number | null;
  /** Defaults to 0. */
  listIndex?: number | null;
  /** Defaults to the simulator clock. */
  invokedAt?: string;
  /** Defaults to invokedAt. */
  createdAt?: string;
  /** Defaults to createdAt. */
  updatedAt?: string;
}

export interface FaultSpec {
  /** Matched against the pathname (incl. /api/v2); every request when omitted. */
  match?: RegExp;
  /** Defaults to 500 (unless the fault only sets delayMs, see there). */
  status?: number;
  /** Sets a Retry-After header. */
  retryAfterSeconds?: number;
  /** Sets X-RateLimit-Reset (and X-RateLimit-Limit). */
  rateLimitResetSeconds?: number;
  /** Raw body (malformed JSON, HTML, ...); defaults to a JSON:API error document. */
  body?: string;
  /** Defaults to application/vnd.api+json. */
  contentType?: string;
  /** How many matching requests the fault answers; default 1, Infinity allowed. */
  times?: number;
  /** Destroy the socket instead of answering. */
  dropConnection?: boolean;
  /**
   * Wait before answering. A fault with only delayMs (no status, body or dropConnection) delays the real
   * answer: a slow response rather than a failed one.
   */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Pathname including /api/v2. */
  path: string;
  /** Raw query string including '?', or ''. */
  search: string;
  /** Decoded query parameters (the last value wins on repeats). */
  query: Record<string, string>;
  authorized: boolean;
  /** HTTP status answered; 0 while pending or when the connection was dropped. */
  status: number;
  /** performance.now() at arrival, in ms. */
  receivedAt: number;
}

export type SeedSampleState = 'list' | 'show' | 'lifecycle';

export interface HcpSimulator {
  /** http://127.0.0.1:PORT, to be used as TFE_ADDRESS (the API lives under /api/v2). */
  readonly address: string;
  readonly token: string;
  close(): Promise<void>;

  /** Organizations, projects, tags and run statuses for the organization-level endpoints. */
  readonly organizations: import('./org-directory.js').OrgDirectory;
  addWorkspace(input: WorkspaceInput): SimWorkspace;
  addAction(input: ActionInput): SimAction;
  addRun(input: RunInput): SimRun;
  addInvocation(input: InvocationInput): SimInvocation;
  /** Bumps updatedAt, not invokedAt. */
  setInvocationStatus(invocationId: string, status: SeedFinalStatus): void;
  /** In progress -> finished: the aggregate status is recomputed, invoked-at does not move. */
  finishRun(runId: string): void;
  setRunInProgress(runId: string, inProgress: boolean): void;
  /**
   * Loads the state behind the API reference's sample responses. The samples contradict each other, so
   * there is one state per consistent group: 'list' (actions list, action filter options, run summaries,
   * invocation filter options, invocations), 'show' (show action), 'lifecycle' (lifecycle resource groups).
   */
  loadSeedSamples(which: SeedSampleState): void;
  getWorkspace(id: string): SimWorkspace | undefined;
  getAction(id: string): SimAction | undefined;
  getRun(id: string): SimRun | undefined;
  getInvocation(id: string): SimInvocation | undefined;
  /** Runs, plans and applies with logs behind pre-signed URLs (issue 14). */
  readonly runLogs: SimRunLogs;

  /** The simulator clock, whole seconds: `2026-05-12T15:40:00Z`. */
  now(): string;
  setClock(iso: string): void;
  advanceClock(seconds: number): void;
  /** Stops (or restarts) real time passing on the simulator clock; setClock/advanceClock still move it. */
  freezeClock(frozen?: boolean): void;

  /** Delay before answering requests whose pathname matches (all requests when match is omitted). */
  setLatency(ms: number, match?: RegExp): void;
  clearLatency(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /**
   * Variance mode (variance.ts): answers with nulls in optional attributes, enum values the seed does not
   * list, unknown attributes and relationships, and one unreadable item per list page. Filters are unaffected.
   */
  setVariance(on?: boolean): void;

  /** Every request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** The most requests (optionally only those the predicate keeps) that arrived within any window of windowMs. */
  maxRequestsInWindow(windowMs: number, predicate?: (request: RecordedRequest) => boolean): number;
  /** How many requests the rateLimitPerSecond option answered with 429. */
  readonly rateLimitedCount: number;
}
