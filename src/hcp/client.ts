/** The HCP Terraform client of tfactions: every endpoint the bot uses, behind the HcpApi interface. */

import { verifyToken } from './account.js';
import * as actions from './actions.js';
import type { HcpApi } from './api.js';
import { idPathSegment } from './ids.js';
import * as invocations from './invocations.js';
import { iteratePages } from './jsonapi.js';
import { listOrganizationRuns } from './organization-runs.js';
import type {
  ListOrganizationRunsOptions,
  ListOrganizationWorkspacesOptions,
  OrganizationRun,
  OrganizationWorkspace,
  Project,
} from './organization-types.js';
import { findProjects, listOrganizationWorkspaces } from './organization-workspaces.js';
import { MAX_PAGE_SIZE } from './query.js';
import { HcpTransport, type TransportOptions } from './transport.js';
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
import * as workspaces from './workspaces.js';

export type HcpClientOptions = TransportOptions;

export class HcpClient implements HcpApi {
  private readonly http: HcpTransport;

  constructor(options: HcpClientOptions) {
    this.http = new HcpTransport(options);
  }

  listActions(workspaceId: string, options?: ListActionsOptions): Promise<Page<Action>> {
    return actions.listActions(this.http, workspaceId, options);
  }

  getActionFilterOptions(workspaceId: string): Promise<ActionFilterOptions> {
    return actions.getActionFilterOptions(this.http, workspaceId);
  }

  getAction(actionId: string): Promise<Action> {
    return actions.getAction(this.http, actionId);
  }

  listRunSummaries(actionId: string, options?: ListRunSummariesOptions): Promise<Page<RunSummary>> {
    return invocations.listRunSummaries(this.http, actionId, options);
  }

  async *iterateRunSummaries(
    actionId: string,
    options: ListRunSummariesOptions = {},
  ): AsyncGenerator<RunSummary, void> {
    const action = idPathSegment('action', actionId);
    yield* iteratePages(
      (pageNumber) => this.listRunSummaries(actionId, { ...withFullPages(options), pageNumber }),
      {
        firstPage: options.pageNumber ?? 1,
        request: `GET /terraform-actions/${action}/invocations/run-summary`,
      },
    );
  }

  getInvocationFilterOptions(actionId: string): Promise<InvocationFilterOptions> {
    return invocations.getInvocationFilterOptions(this.http, actionId);
  }

  listInvocations(
    actionId: string,
    runId: string,
    options?: ListInvocationsOptions,
  ): Promise<Page<Invocation>> {
    return invocations.listInvocations(this.http, actionId, runId, options);
  }

  listResourceGroups(
    actionId: string,
    runId: string,
    options?: ListResourceGroupsOptions,
  ): Promise<Page<ResourceGroup>> {
    return invocations.listResourceGroups(this.http, actionId, runId, options);
  }

  getWorkspace(workspaceId: string): Promise<Workspace> {
    return workspaces.getWorkspace(this.http, workspaceId);
  }

  getWorkspaceByName(organization: string, name: string): Promise<Workspace> {
    return workspaces.getWorkspaceByName(this.http, organization, name);
  }

  listOrganizationRuns(
    organization: string,
    options?: ListOrganizationRunsOptions,
  ): Promise<Page<OrganizationRun>> {
    return listOrganizationRuns(this.http, organization, options);
  }

  listOrganizationWorkspaces(
    organization: string,
    options?: ListOrganizationWorkspacesOptions,
  ): Promise<Page<OrganizationWorkspace>> {
    return listOrganizationWorkspaces(this.http, organization, options);
  }

  findProjects(organization: string, names: readonly string[]): Promise<Project[]> {
    return findProjects(this.http, organization, names);
  }

  verifyToken(): Promise<string> {
    return verifyToken(this.http);
  }
}

export function createHcpClient(options: HcpClientOptions): HcpClient {
  return new HcpClient(options);
}

function withFullPages<T extends { pageSize?: number }>(options: T): T {
  return { ...options, pageSize: options.pageSize ?? MAX_PAGE_SIZE };
}
