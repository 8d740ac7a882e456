import {
  normalizeScope,
  type OrganizationScope,
  parseScopeQualifier,
  parseScopeTarget,
  type ScopeTag,
  scopeText,
} from '../../alerts/scope.js';
import { isValidId } from '../../hcp/ids.js';
import { parseWorkspace } from './arguments.js';
import type { CommandInput } from './input.js';
import { CommandProblem, shown } from './problem.js';
import type { WorkspaceRef } from './types.js';
import { workspaceText } from './words.js';

/** What `subscribe` and `unsubscribe` watch: one workspace (as before), or an organization scope. */
export type SubscriptionTarget =
  | { kind: 'workspace'; workspace: WorkspaceRef }
  | { kind: 'organization'; scope: OrganizationScope };

export const SCOPE_NOTE =
  '`ORGANIZATION/*` (or `ORGANIZATION`) watches every workspace of the organization, `ORGANIZATION/*-prod` those whose name matches; narrow it with `project:NAME` (repeatable: any of them) and `tag:KEY` or `tag:KEY=VALUE` (repeatable: all of them).';

/**
 * `acme/web` and workspace IDs stay single-workspace subscriptions; `acme`, `acme/*` and `acme/*-prod` are
 * organization scopes. A word that is some other ID, or has several "/", gets the workspace message.
 */
export function parseSubscriptionTarget(word: string, input: CommandInput): SubscriptionTarget {
  const parts = word.split('/');
  const otherId = parts.length === 1 && (isValidId('run', word) || isValidId('action', word));
  if (word.toLowerCase().startsWith('ws-') || parts.length > 2 || otherId)
    return workspaceOnly(parseWorkspace(word), input);
  const target = parseScopeTarget(word);
  if (target.kind === 'invalid') throw new CommandProblem(target.message);
  if (target.kind === 'workspace') return workspaceOnly(parseWorkspace(word), input);
  const projects: string[] = [];
  const tags: ScopeTag[] = [];
  for (const token of [...(input.repeated?.get('project') ?? []), ...(input.repeated?.get('tag') ?? [])]) {
    const qualifier = parseScopeQualifier(token.source);
    if (qualifier.kind === 'invalid') throw new CommandProblem(qualifier.message);
    if (qualifier.kind === 'project') projects.push(qualifier.project);
    if (qualifier.kind === 'tag') tags.push(qualifier.tag);
  }
  const scope: OrganizationScope = { organization: target.organization, projects, tags };
  if (target.namePattern !== undefined) scope.namePattern = target.namePattern;
  return { kind: 'organization', scope: normalizeScope(scope) };
}

function workspaceOnly(workspace: WorkspaceRef, input: CommandInput): SubscriptionTarget {
  const qualifier = input.filters.get('project') ?? input.filters.get('tag');
  if (qualifier)
    throw new CommandProblem(
      `${shown(qualifier.source)} narrows an organization scope, not one workspace: write ${workspace.kind === 'name' ? shown(`${workspace.organization}/*`) : 'ORGANIZATION/*'} instead of the workspace, or leave it out`,
    );
  return { kind: 'workspace', workspace };
}

/** The canonical words of a request's target (they parse back to the same target). */
export function targetWords(request: { workspace: WorkspaceRef } | { scope: OrganizationScope }): string[] {
  return 'scope' in request ? scopeText(request.scope).split(' ') : [workspaceText(request.workspace)];
}
