/** The HCP Terraform reads of a poll: every page, the subscription's filters, and what a 404 means where. */
import type { HcpApi } from '../hcp/api.js';
import { NotFoundError } from '../hcp/errors.js';
import { isValidId } from '../hcp/ids.js';
import { iteratePages } from '../hcp/jsonapi.js';
import {
  type Action,
  type AggregateInvocationStatus,
  isKnown,
  type ListActionsOptions,
  type ListRunSummariesOptions,
  type RunSummary,
} from '../hcp/types.js';
import type { Logger } from '../logger.js';
import type { AlertAction } from './jobs.js';
import type { Subscription } from './subscriptions.js';

const PAGE_SIZE = 100;

/** A 404 on the workspace's own listing: the subscription's problem, not a passing failure. */
export class WorkspaceNotFound extends Error {
  constructor(override readonly cause: NotFoundError) {
    super(cause.message);
    this.name = 'WorkspaceNotFound';
  }
}

/**
 * Every page of the workspace's actions invoked since `lastInvokedAt` (all of them without it), with the
 * server time of the first response.
 */
export async function readWorkspaceActions(
  hcp: HcpApi,
  subscription: Subscription,
  extra: Pick<ListActionsOptions, 'lastInvokedAt'>,
): Promise<{ actions: Action[]; serverTime: number | null }> {
  const base: ListActionsOptions = { ...extra, pageSize: PAGE_SIZE };
  if (subscription.filters.provider) base.provider = subscription.filters.provider;
  if (subscription.filters.moduleAddress) base.moduleAddress = subscription.filters.moduleAddress;
  let serverTime: number | null = null;
  const fetchPage = async (pageNumber: number) => {
    try {
      const page = await hcp.listActions(subscription.workspaceId, { ...base, pageNumber });
      if (pageNumber === 1 && page.serverTime) {
        const parsed = Date.parse(page.serverTime);
        serverTime = Number.isFinite(parsed) ? parsed : null;
      }
      return page;
    } catch (error) {
      if (error instanceof NotFoundError) throw new WorkspaceNotFound(error);
      throw error;
    }
  };
  const actions: Action[] = [];
  const request = `GET /workspaces/${subscription.workspaceId}/terraform-actions`;
  for await (const action of iteratePages(fetchPage, { request }))
    if (isValidId('action', action.id)) actions.push(action);
  return { actions, serverTime };
}

export async function eachSummary(
  hcp: HcpApi,
  actionId: string,
  options: ListRunSummariesOptions,
  subscription: Subscription,
  log: Logger,
  visit: (summary: RunSummary) => void,
): Promise<void> {
  try {
    for await (const summary of hcp.iterateRunSummaries(actionId, { ...options, pageSize: PAGE_SIZE })) {
      if (!isValidId('action', summary.actionId) || !isValidId('run', summary.runId)) continue;
      if (summary.actionId !== actionId || excludedInvoker(summary, subscription)) continue;
      visit(summary);
    }
  } catch (error) {
    // The action went away between the listing and this request; the workspace itself still answers.
    if (error instanceof NotFoundError) {
      log.info({ actionId }, 'action not found while reading its runs; skipped');
      return;
    }
    throw error;
  }
}

export async function recheck(
  hcp: HcpApi,
  run: { actionId: string; runId: string },
  filters: ListRunSummariesOptions,
  subscription: Subscription,
  log: Logger,
): Promise<RunSummary | null> {
  try {
    const page = await hcp.listRunSummaries(run.actionId, { ...filters, runId: run.runId });
    const summary = page.items.find((item) => item.runId === run.runId && item.actionId === run.actionId);
    return summary && !excludedInvoker(summary, subscription) ? summary : null;
  } catch (error) {
    if (error instanceof NotFoundError) {
      log.info(run, 'pending run no longer found; dropped');
      return null;
    }
    throw error;
  }
}

/** The newest invoked-at of any action, for a baseline when the server sent no Date header. */
export async function newestInvocation(hcp: HcpApi, actions: Action[], log: Logger): Promise<number | null> {
  let newest: number | null = null;
  for (const action of actions) {
    try {
      const page = await hcp.listRunSummaries(action.id, { pageSize: 1 });
      const invoked = Date.parse(page.items[0]?.invokedAt ?? '');
      if (Number.isFinite(invoked) && (newest === null || invoked > newest)) newest = invoked;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      log.info({ actionId: action.id }, 'action not found while anchoring the baseline; skipped');
    }
  }
  return newest;
}

export async function loadAction(hcp: HcpApi, actionId: string, log: Logger): Promise<AlertAction> {
  try {
    return alertActionOf(await hcp.getAction(actionId));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    log.info({ actionId }, 'action of a failed run is gone; alerting with its ID only');
    return { id: actionId, address: actionId, provider: null, moduleAddress: null };
  }
}

export function alertActionOf(action: AlertAction): AlertAction {
  return {
    id: action.id,
    address: action.address,
    provider: action.provider,
    moduleAddress: action.moduleAddress,
  };
}

const SETTLED_STATUSES: readonly AggregateInvocationStatus[] = [
  'successful',
  'not_successful',
  'not_invoked',
];

/**
 * A known final status. Anything else (run_in_progress, a status the API reference does not list, none at all) is
 * remembered and re-checked until it becomes one.
 */
export function isSettled(summary: Pick<RunSummary, 'aggregateInvocationStatus'>): boolean {
  return isKnown(SETTLED_STATUSES, summary.aggregateInvocationStatus);
}

export function summaryFilters(subscription: Subscription): ListRunSummariesOptions {
  const { invocationMethods, sources, invokedBy } = subscription.filters;
  const options: ListRunSummariesOptions = {};
  if (invocationMethods?.length) options.invocationMethods = invocationMethods;
  if (sources?.length) options.sources = sources;
  if (invokedBy?.length) options.invokedBy = invokedBy;
  return options;
}

/** The API has no negative filter: `not-by:` is applied here. A run without a human actor is `system:not_a_user`. */
function excludedInvoker(summary: RunSummary, subscription: Subscription): boolean {
  const excluded = subscription.filters.notInvokedBy;
  if (!excluded?.length) return false;
  const invoker = summary.invokedBy?.username ?? 'system:not_a_user';
  return excluded.includes(invoker);
}
