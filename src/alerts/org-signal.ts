/**
 * The organization-level signal: which workspaces of an organization may have new Terraform action
 * invocations since the last cycle. Every direct and lifecycle invocation happens inside a run, so runs are
 * the signal, whatever their outcome: a run that succeeds may still hold a failed lifecycle invocation.
 *
 * Request cost model, per organization and poll cycle (independent of its workspace count and of how many
 * subscriptions share it):
 * - idle: 2 requests: the newest page of GET /organizations/:org/runs (stops at the watermark) and one page
 *   of the same listing with filter[status_group]=non_final;
 * - busy: +1 request per further page (page[size]=100) of runs created since the watermark, and +1 per 100
 *   runs in progress beyond the first 100;
 * - more new runs than maxNewPages pages: `overflow`, the caller polls every covered workspace once.
 * A workspace named here then costs the usual per-workspace poll; one not named costs nothing.
 *
 * The workspace IDs named are the organization's: the caller keeps those its subscriptions cover.
 * Timestamps are the server's (run created-at), never this machine's clock. Pure logic over HcpApi: the
 * caller stores the returned watermark and non-final runs and hands them back next cycle.
 */

import type { HcpApi } from '../hcp/api.js';
import { OrganizationRunsNotFoundError } from '../hcp/organization-runs.js';
import type { OrganizationRun } from '../hcp/organization-types.js';
import { MAX_PAGE_SIZE } from '../hcp/query.js';

/** The newest run creation seen, and the runs created at that very instant (so ties are not re-reported). */
export interface SignalWatermark {
  createdAt: string;
  runIds: string[];
}

export interface SignalInput {
  organization: string;
  /** null on the first cycle: runs that already exist are history and name no workspace. */
  watermark: SignalWatermark | null;
  /** The previous cycle's nonFinalRuns: run ID -> workspace ID. */
  nonFinalRuns: Readonly<Record<string, string>>;
  /** Pages of new runs read before giving up with `overflow`; default 10. */
  maxNewPages?: number;
  /** Pages of in-progress runs read at most; default 10. */
  maxNonFinalPages?: number;
}

export interface OrganizationSignal {
  /** The runs listing answered 404 (Terraform Enterprise before v202409-1): poll each workspace instead. */
  endpointMissing: boolean;
  /** Workspaces with a new run, a run in progress, or a run that stopped being in progress. */
  workspaceIds: Set<string>;
  watermark: SignalWatermark | null;
  /** Runs in progress now, to be handed back next cycle. */
  nonFinalRuns: Record<string, string>;
  /** More new or in-progress runs than could be read: every covered workspace may have news. */
  overflow: boolean;
  requests: number;
}

export async function readOrganizationSignal(hcp: HcpApi, input: SignalInput): Promise<OrganizationSignal> {
  const result: OrganizationSignal = {
    endpointMissing: false,
    workspaceIds: new Set(),
    watermark: input.watermark,
    nonFinalRuns: {},
    overflow: false,
    requests: 0,
  };
  try {
    await readNewRuns(hcp, input, result);
    await readNonFinalRuns(hcp, input, result);
  } catch (error) {
    if (!(error instanceof OrganizationRunsNotFoundError)) throw error;
    return {
      ...result,
      endpointMissing: true,
      workspaceIds: new Set(),
      watermark: input.watermark,
      nonFinalRuns: {},
    };
  }
  return result;
}

/**
 * Reads newest first until the first run already seen (in the watermark) or older than it. Runs created in
 * the watermark's instant after the last read are listed before the ones seen then (newest first), so
 * stopping at the first seen run loses none and keeps an idle cycle at one page.
 */
async function readNewRuns(hcp: HcpApi, input: SignalInput, result: OrganizationSignal): Promise<void> {
  const previous = input.watermark;
  const previousMs = previous === null ? null : Date.parse(previous.createdAt);
  const maxPages = previous === null ? 1 : (input.maxNewPages ?? 10);
  let newest: { ms: number; watermark: SignalWatermark } | null = null;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await hcp.listOrganizationRuns(input.organization, { pageNumber, pageSize: MAX_PAGE_SIZE });
    result.requests++;
    let done = previous === null || page.pagination.nextPage === null || page.items.length === 0;
    for (const run of page.items) {
      const ms = run.createdAt === null ? Number.NaN : Date.parse(run.createdAt);
      if (previous !== null && (previous.runIds.includes(run.id) || ms < (previousMs ?? ms))) {
        done = true;
        break;
      }
      if (!Number.isNaN(ms)) newest = advance(newest, run, ms);
      if (previous !== null && run.workspaceId !== null) result.workspaceIds.add(run.workspaceId);
    }
    if (done) {
      result.watermark = mergeWatermark(previous, newest);
      return;
    }
  }
  result.overflow = true;
  result.watermark = mergeWatermark(previous, newest);
}

async function readNonFinalRuns(hcp: HcpApi, input: SignalInput, result: OrganizationSignal): Promise<void> {
  const maxPages = input.maxNonFinalPages ?? 10;
  let complete = false;
  for (let pageNumber = 1; pageNumber <= maxPages && !complete; pageNumber++) {
    const page = await hcp.listOrganizationRuns(input.organization, {
      statusGroups: ['non_final'],
      pageNumber,
      pageSize: MAX_PAGE_SIZE,
    });
    result.requests++;
    for (const run of page.items) {
      if (run.workspaceId === null) continue;
      result.nonFinalRuns[run.id] = run.workspaceId;
      result.workspaceIds.add(run.workspaceId);
    }
    complete = page.pagination.nextPage === null || page.items.length === 0;
  }
  // Unread runs in progress would look ended next cycle, and their real end would go unnoticed.
  if (!complete) result.overflow = true;
  // A run that was in progress and is not any more has ended: its invocations are final now.
  for (const [runId, workspaceId] of Object.entries(input.nonFinalRuns))
    if (!(runId in result.nonFinalRuns)) result.workspaceIds.add(workspaceId);
}

function advance(
  newest: { ms: number; watermark: SignalWatermark } | null,
  run: OrganizationRun,
  ms: number,
): { ms: number; watermark: SignalWatermark } {
  if (newest === null || ms > newest.ms)
    return { ms, watermark: { createdAt: run.createdAt ?? '', runIds: [run.id] } };
  if (ms === newest.ms) newest.watermark.runIds.push(run.id);
  return newest;
}

/** The newer of the two; at the same instant, the union of the runs seen there. */
function mergeWatermark(
  previous: SignalWatermark | null,
  newest: { ms: number; watermark: SignalWatermark } | null,
): SignalWatermark | null {
  if (newest === null) return previous;
  if (previous === null) return newest.watermark;
  const previousMs = Date.parse(previous.createdAt);
  if (newest.ms > previousMs) return newest.watermark;
  if (newest.ms < previousMs) return previous;
  return {
    createdAt: previous.createdAt,
    runIds: [...new Set([...previous.runIds, ...newest.watermark.runIds])],
  };
}
