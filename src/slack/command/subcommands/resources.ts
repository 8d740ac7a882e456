import type { ResourceGroupStatus } from '../../../hcp/types.js';
import { renderResourceGroups } from '../../blocks/resource-groups.js';
import { RESOURCE_STATUS_CHOICES } from '../filters.js';
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

export type ResourcesRequest = RunScopedRequest<'resources', ResourceGroupStatus>;

export const resourcesCommand: QueryModule<ResourcesRequest> = {
  kind: 'query',
  spec: RUN_SCOPED_SPEC,
  usage: {
    syntax: 'resources ACTION_ID RUN_ID [status:S,S] [q:TEXT] [page:N]',
    summary: 'Lifecycle invocations of one run, grouped by triggering resource.',
    notes: runScopedNotes(RESOURCE_STATUS_CHOICES),
    example: `resources ${EXAMPLE.action} ${EXAMPLE.run} q:"aws_instance.web"`,
  },
  parse: (input) => parseRunScoped('resources', input, RESOURCE_STATUS_CHOICES),
  words: runScopedWords,
  subject: runScopedSubject,
  execute: async (request, { deps, renderContext }) => {
    const page = await deps.hcp.listResourceGroups(request.actionId, request.runId, request.options);
    return renderResourceGroups(
      page,
      { actionId: request.actionId, runId: request.runId },
      renderContext(runScopedPageCommand(request)),
    );
  },
};
