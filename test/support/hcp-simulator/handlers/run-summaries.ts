import { runSummariesOf } from '../derive.js';
import { readPage } from '../pagination.js';
import { checkFilterKeys, inRange, QueryReader, timeFilterKeys } from '../query.js';
import { SEED_AGGREGATE_STATUSES, SEED_METHODS, SEED_NOT_A_USER, SEED_RUN_SOURCES } from '../seed-values.js';
import { invocationFilterOptionsResource, invokerValue, runSummaryResource } from '../serialize.js';
import { parseInstant } from '../time.js';
import { type Handler, ok, pagedDocument, requireAction } from './context.js';

const INVOKED_AT = 'filter[invoked_at]';
const RUN_ID = 'filter[run][id]';
const METHOD = 'filter[invocation_method]';
const STATUS = 'filter[aggregate_invocation_status]';
const INVOKED_BY = 'filter[invoked_by]';
const SOURCE = 'filter[source]';
const SUMMARY_FILTERS = [RUN_ID, METHOD, STATUS, INVOKED_BY, SOURCE, ...timeFilterKeys(INVOKED_AT)];

/** GET /terraform-actions/:action_id/invocations/run-summary */
export const listRunSummaries: Handler = (context) => {
  const action = requireAction(context);
  const reader = new QueryReader(context.query, SUMMARY_FILTERS);
  const runId = reader.text(RUN_ID);
  const methods = reader.enumList(METHOD, SEED_METHODS);
  const statuses = reader.enumList(STATUS, SEED_AGGREGATE_STATUSES);
  const invokers = reader.list(INVOKED_BY);
  const sources = reader.enumList(SOURCE, SEED_RUN_SOURCES);
  const invokedAt = reader.timeRange(INVOKED_AT);
  const page = readPage(context.query);

  const summaries = runSummariesOf(context.store, action).filter(
    (summary) =>
      (runId === undefined || summary.run.id === runId) &&
      (methods === undefined || methods.includes(summary.method)) &&
      (statuses === undefined || statuses.includes(summary.status)) &&
      (invokers === undefined || invokers.includes(summary.latest.invokedBy ?? SEED_NOT_A_USER)) &&
      (sources === undefined || sources.includes(summary.run.source)) &&
      (invokedAt === undefined || inRange(parseInstant(summary.invokedAt) ?? Number.NaN, invokedAt)),
  );
  return ok(pagedDocument(context, summaries, page, runSummaryResource));
};

/** GET /terraform-actions/:action_id/invocations/filter-options */
export const invocationFilterOptions: Handler = (context) => {
  const action = requireAction(context);
  checkFilterKeys(context.query, []);
  const invokers = [...new Set(context.store.invocationsOf(action.id).map(invokerValue))].sort();
  return ok({ data: invocationFilterOptionsResource(action.id, invokers) });
};
