import type {
  ListOrganizationRunsOptions,
  ListOrganizationWorkspacesOptions,
  OrganizationRun,
  OrganizationWorkspace,
  Project,
} from './organization-types.js';
import type {
  Action,
  ActionFilterOptions,
  Invocation,
  InvocationFilterOptions,
  ListActionsOptions,
  ListInvocationsOptions,
  ListResourceGroupsOptions,
  ListRunSummariesOptions,
  Page,
  ResourceGroup,
  RunSummary,
  Workspace,
} from './types.js';

/**
 * What the rest of tfactions needs from HCP Terraform. Every method validates its IDs before any request
 * (InvalidIdError) and rejects with an HcpError subclass on failure.
 */
export interface HcpApi {
  listActions(workspaceId: string, options?: ListActionsOptions): Promise<Page<Action>>;
  getActionFilterOptions(workspaceId: string): Promise<ActionFilterOptions>;
  getAction(actionId: string): Promise<Action>;
  listRunSummaries(actionId: string, options?: ListRunSummariesOptions): Promise<Page<RunSummary>>;
  iterateRunSummaries(actionId: string, options?: ListRunSummariesOptions): AsyncIterable<RunSummary>;
  getInvocationFilterOptions(actionId: string): Promise<InvocationFilterOptions>;
  listInvocations(
    actionId: string,
    runId: string,
    options?: ListInvocationsOptions,
  ): Promise<Page<Invocation>>;
  listResourceGroups(
    actionId: string,
    runId: string,
    options?: ListResourceGroupsOptions,
  ): Promise<Page<ResourceGroup>>;
  getWorkspace(workspaceId: string): Promise<Workspace>;
  getWorkspaceByName(organization: string, name: string): Promise<Workspace>;
  /** Newest first; a 404 rejects with OrganizationRunsNotFoundError (older Terraform Enterprise lacks it). */
  listOrganizationRuns(
    organization: string,
    options?: ListOrganizationRunsOptions,
  ): Promise<Page<OrganizationRun>>;
  listOrganizationWorkspaces(
    organization: string,
    options?: ListOrganizationWorkspacesOptions,
  ): Promise<Page<OrganizationWorkspace>>;
  /** The named projects that exist and the token can see (exact names). */
  findProjects(organization: string, names: readonly string[]): Promise<Project[]>;
  /**
   * Checks that HCP Terraform accepts the token (GET /account/details): resolves with a short description of
   * whose token it is; rejects with UnauthorizedError when the token is refused.
   */
  verifyToken(): Promise<string>;
}
