import type { ListRunSummariesOptions } from '../../../hcp/types.js';
import { renderRunSummaries } from '../../blocks/run-summaries.js';
import { workspaceOf } from '../action-workspace.js';
import { parseActionId } from '../arguments.js';
import {
  describeChoices,
  METHOD_CHOICES,
  parseChoiceList,
  parseInvokers,
  parsePage,
  parseRunFilter,
  RUN_STATUS_CHOICES,
  SOURCE_CHOICES,
} from '../filters.js';
import { optional, timeRange, withoutUndefined, word } from '../input.js';
import type { QueryModule } from '../module.js';
import { spec, TIME_FILTER_KEYS } from '../spec.js';
import { EXAMPLE, NOTES, TIMES_SYNTAX } from '../usage-notes.js';
import { commandText, filter, listFilter, pageFilter, timeFilters } from '../words.js';

export type RunsRequest = { command: 'runs'; actionId: string; options: ListRunSummariesOptions };

export const runsCommand: QueryModule<RunsRequest> = {
  kind: 'query',
  spec: spec(['action-id'], ['status', 'method', 'by', 'source', 'run', ...TIME_FILTER_KEYS, 'page']),
  usage: {
    syntax: `runs ACTION_ID [status:S,S] [method:M,M] [by:U,U] [source:X,X] [run:RUN_ID] ${TIMES_SYNTAX} [page:N]`,
    summary: "An action's invocations, one line per run.",
    notes: [
      `\`status:\` ${describeChoices(RUN_STATUS_CHOICES)}.`,
      NOTES.method,
      NOTES.invokers,
      NOTES.source,
      NOTES.times,
      NOTES.lists,
      NOTES.page,
    ],
    example: `runs ${EXAMPLE.action} status:failed method:lifecycle since:2d`,
  },
  parse: (input) => ({
    command: 'runs',
    actionId: parseActionId(word(input, 0)),
    options: withoutUndefined({
      statuses: optional(input, 'status', (token) => parseChoiceList(token, RUN_STATUS_CHOICES)),
      invocationMethods: optional(input, 'method', (token) => parseChoiceList(token, METHOD_CHOICES)),
      invokedBy: optional(input, 'by', parseInvokers),
      sources: optional(input, 'source', (token) => parseChoiceList(token, SOURCE_CHOICES)),
      runId: optional(input, 'run', parseRunFilter),
      invokedAt: timeRange(input),
      pageNumber: optional(input, 'page', parsePage),
    }),
  }),
  words: ({ actionId, options }) => [
    'runs',
    actionId,
    ...listFilter('status', options.statuses),
    ...listFilter('method', options.invocationMethods),
    ...listFilter('by', options.invokedBy),
    ...listFilter('source', options.sources),
    ...filter('run', options.runId),
    ...timeFilters(options.invokedAt),
    ...pageFilter(options.pageNumber),
  ],
  subject: (request) => `action ${request.actionId}`,
  execute: async (request, { deps, workspaces, renderContext }) => {
    const [page, action] = await Promise.all([
      deps.hcp.listRunSummaries(request.actionId, request.options),
      deps.hcp.getAction(request.actionId),
    ]);
    const workspace = await workspaceOf(action, workspaces);
    const forPage = (pageNumber: number) =>
      commandText(runsCommand.words({ ...request, options: { ...request.options, pageNumber } }));
    return renderRunSummaries(page, action, renderContext(forPage, workspace));
  },
};
