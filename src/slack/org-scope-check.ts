import { type OrganizationScope, scopeText, workspaceInScope, workspaceListingFor } from '../alerts/scope.js';
import type { HcpApi } from '../hcp/api.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';
import { describeFailure, type FailureWords } from './hcp-failure-message.js';

/** A scope wider than this many listing pages is counted as "more than" (the command must answer in time). */
const MAX_COUNT_PAGES = 20;

export type ScopeCheck = { ok: true; covered: number; atLeast: boolean } | ({ ok: false } & FailureWords);

/**
 * Before subscribing: the organization and every project of the scope must be visible to the token, and the
 * scope must cover at least one workspace now. Costs 1 request for projects (when named) plus 1 per
 * listing when the server's total count answers it, else one per 100 workspaces listed (capped).
 */
export async function checkScope(hcp: HcpApi, scope: OrganizationScope): Promise<ScopeCheck> {
  const text = escapeMrkdwn(scopeText(scope));
  try {
    const projects = await hcp.findProjects(scope.organization, scope.projects);
    const projectIds = new Map(projects.map((project) => [project.name, project.id]));
    const missing = scope.projects.filter((name) => !projectIds.has(name));
    if (missing.length > 0)
      return {
        ok: false,
        title: `No project ${missing.map((name) => `"${name}"`).join(', ')} in ${scope.organization}`,
        detail: `The token sees no project of that name in *${escapeMrkdwn(scope.organization)}* (names are exact and case-sensitive). Check the name in HCP Terraform, or give the token access to the project; nothing was subscribed.`,
      };
    const listing = workspaceListingFor(scope, projectIds);
    let covered = 0;
    let atLeast = false;
    for (const query of listing.queries) {
      if (listing.exact) {
        const first = await hcp.listOrganizationWorkspaces(scope.organization, { ...query, pageSize: 1 });
        if (first.pagination.totalCount !== null) {
          covered += first.pagination.totalCount;
          continue;
        }
      }
      for (let pageNumber: number | null = 1; pageNumber !== null; ) {
        if (pageNumber > MAX_COUNT_PAGES) {
          atLeast = true;
          break;
        }
        const page = await hcp.listOrganizationWorkspaces(scope.organization, { ...query, pageNumber });
        covered += page.items.filter((workspace) => workspaceInScope(workspace, scope)).length;
        pageNumber = page.items.length === 0 ? null : page.pagination.nextPage;
      }
    }
    if (covered === 0)
      return {
        ok: false,
        title: `${scopeText(scope)} matches no workspace`,
        detail: `The token sees no workspace in \`${text}\` now. Check the name pattern, project and tags (tags must all match; \`tag:KEY\` matches any value), or widen it to \`${escapeMrkdwn(scope.organization)}/*\`; nothing was subscribed.`,
      };
    return { ok: true, covered, atLeast };
  } catch (error) {
    const words = describeFailure(error, `organization ${scope.organization}`);
    return { ok: false, title: `${words.title}: nothing was subscribed`, detail: words.detail };
  }
}
