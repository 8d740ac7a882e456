import type { InvocationFinalStatus } from '../../../hcp/types.js';
import { renderInvocations } from '../../blocks/invocations.js';
import { finalizeMessage } from '../../blocks/limits.js';
import { INVOCATION_STATUS_CHOICES } from '../filters.js';
import type { QueryModule } from '../module.js';
import {
  parseRunScoped,
  RUN_SCOPED_SPEC,
  type RunScopedRequest,
  runScopedNotes,
  runScopedPageCommand,
  runScopedSubject,
  runScopedWords,
} from '../run-scoped.js';
import { EXAMPLE } from '../usage-notes.js';

export type InvocationsRequest = RunScopedRequest<'invocations', InvocationFinalStatus>;

/** In an alert's thread, invocations come in one large page so failed ones can be listed first. */
const THREAD_PAGE_SIZE = 100;

export const invocationsCommand: QueryModule<InvocationsRequest> = {
  kind: 'query',
  spec: RUN_SCOPED_SPEC,
  usage: {
    syntax: 'invocations ACTION_ID RUN_ID [status:S,S] [q:TEXT] [page:N]',
    summary: "An action's invocations in one run, in execution order.",
    notes: runScopedNotes(INVOCATION_STATUS_CHOICES),
    example: `invocations ${EXAMPLE.action} ${EXAMPLE.run} status:failed`,
  },
  parse: (input) => parseRunScoped('invocations', input, INVOCATION_STATUS_CHOICES),
  words: runScopedWords,
  subject: runScopedSubject,
  execute: async (request, { deps, view, renderContext }) => {
    const failedFirst = view.buttonKind === 'thread' && request.options.statuses === undefined;
    const options = failedFirst ? { ...request.options, pageSize: THREAD_PAGE_SIZE } : request.options;
    const page = await deps.hcp.listInvocations(request.actionId, request.runId, options);
    const shown = failedFirst
      ? {
          ...page,
          // A stable sort keeps execution order inside each group.
          items: [...page.items].sort(
            (a, b) => Number(b.finalStatus === 'failed') - Number(a.finalStatus === 'failed'),
          ),
        }
      : page;
    const message = renderInvocations(
      shown,
      { actionId: request.actionId, runId: request.runId },
      renderContext(runScopedPageCommand(request)),
    );
    const wholeAlertClick =
      failedFirst && request.options.q === undefined && request.options.pageNumber === undefined;
    if (!wholeAlertClick || view.actionError === undefined) return message;
    const failed = page.items.filter((invocation) => invocation.finalStatus === 'failed');
    if (failed.length === 0) return message;
    const errorBlocks = await view.actionError({
      actionId: request.actionId,
      runId: request.runId,
      triggeringResourceAddresses: [
        ...new Set(failed.flatMap((invocation) => invocation.triggeringResourceAddress ?? [])),
      ],
    });
    return finalizeMessage({ text: message.text, blocks: [...errorBlocks, ...message.blocks] });
  },
};
