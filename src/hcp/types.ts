/**
 * Types of the HCP Terraform actions API (its public API reference: docs/architecture.md, "The HCP Terraform
 * API"), attribute names mapped to camelCase. The reference is a floor, not a wall: what HCP Terraform sends is
 * nullable unless the bot cannot work without it, and enum attributes keep values the reference does not list
 * (Reported<...>). The lists below stay strict: they are what filters accept and what users may type.
 */

export const AGGREGATE_INVOCATION_STATUSES = [
  'successful',
  'not_successful',
  'not_invoked',
  'run_in_progress',
] as const;
export type AggregateInvocationStatus = (typeof AGGREGATE_INVOCATION_STATUSES)[number];

export const INVOCATION_FINAL_STATUSES = ['failed', 'not_invoked', 'successful'] as const;
export type InvocationFinalStatus = (typeof INVOCATION_FINAL_STATUSES)[number];

/** filter[aggregate_status] of lifecycle resource groups. */
export const RESOURCE_GROUP_STATUSES = ['successful', 'not_invoked', 'not_successful'] as const;
export type ResourceGroupStatus = (typeof RESOURCE_GROUP_STATUSES)[number];

export const INVOCATION_METHODS = ['direct', 'lifecycle'] as const;
export type InvocationMethod = (typeof INVOCATION_METHODS)[number];

export const RUN_SOURCES = [
  'tfe-api',
  'terraform',
  'terraform+cloud',
  'tfe-configuration-version',
  'tfe-run-trigger',
  'tfe-ui',
] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

export type InstanceType = 'single' | 'count' | 'for_each' | (string & {});

/**
 * An enum attribute as HCP Terraform reports it: one of the API reference's values, or a newer one kept as its raw
 * string. The known members stay checkable: comparisons against misspelt literals still fail to compile.
 */
export type Reported<Known extends string> = Known | (string & {});

/** Narrows a reported value to the API reference's list. */
export function isKnown<Known extends string>(
  values: readonly Known[],
  value: string | null,
): value is Known {
  return value !== null && (values as readonly string[]).includes(value);
}

/** The module address of root-module actions, as filter[module_address] takes it. */
export const ROOT_MODULE = 'system:root_module';
/** invoked-by value of invocations without a human actor. */
export const NOT_A_USER = 'system:not_a_user';

/** A timestamp range; each bound is an ISO-8601 string as HCP Terraform compares them. */
export interface TimeRange {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
}

export interface PageOptions {
  /** 1-based. */
  pageNumber?: number;
  /** At most 100. */
  pageSize?: number;
}

export interface Action {
  id: string;
  address: string;
  moduleAddress: string | null;
  provider: string | null;
  documentationUrl: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Present on the show endpoint; the list endpoint may omit it. */
  invocationCount: number | null;
  /** null for a plain action (neither count nor for_each). */
  instanceType: InstanceType | null;
  countValue: number | null;
  forEachValues: string[] | null;
  workspaceId: string | null;
  lastInvocationId: string | null;
}

export interface ActionFilterOptions {
  workspaceId: string;
  providers: string[];
}

export interface InvokedBy {
  username: string;
  avatarUrl: string | null;
}

/** One run of one action: what a run summary, its invocations and an alert are about. */
export interface ActionRunRef {
  actionId: string;
  runId: string;
}

export interface RunSummary extends ActionRunRef {
  /** `<action_id>:<run_id>` */
  id: string;
  aggregateInvocationStatus: Reported<AggregateInvocationStatus> | null;
  invocationMethod: Reported<InvocationMethod> | null;
  /** null for a run that invoked nothing (not_invoked). */
  invokedAt: string | null;
  invokedBy: InvokedBy | null;
  successful: number | null;
  failed: number | null;
  plannedInvocationCount: number | null;
}

export interface InvocationFilterOptions {
  actionId: string;
  invokedBy: string[];
}

export interface Invocation {
  id: string;
  finalStatus: Reported<InvocationFinalStatus> | null;
  invocationMethod: Reported<InvocationMethod> | null;
  actionKey: string | null;
  actionTriggerEvent: string | null;
  triggeringResourceAddress: string | null;
  actionTriggerBlockIndex: number | null;
  actionsListIndex: number | null;
  invokedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  actionId: string | null;
  runId: string | null;
}

export interface ResourceGroupInvocation {
  id: string | null;
  finalStatus: Reported<InvocationFinalStatus> | null;
  actionKey: string | null;
  actionTriggerEvent: string | null;
}

export interface ResourceGroup {
  /** The triggering resource address. */
  id: string;
  triggeringResourceAddress: string;
  /** Values beyond the API reference's include a group still in progress. */
  aggregateInvocationStatus: Reported<ResourceGroupStatus> | null;
  invocations: ResourceGroupInvocation[];
}

export interface Workspace {
  id: string;
  name: string;
  organization: string;
}

export interface Pagination {
  currentPage: number;
  /** null when the server did not say (neither meta.pagination nor a links.last URL). */
  totalPages: number | null;
  totalCount: number | null;
  nextPage: number | null;
  prevPage: number | null;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
  /** Unreadable items left out of this page, when there were any. */
  skippedItems?: number;
  /** meta.counts when the endpoint returns it (invocations total, resource-groups total). */
  counts?: Record<string, number>;
  /** The server's clock when it answered (its Date header), ISO-8601 in whole seconds, e.g. 2026-05-12T15:40:00Z. */
  serverTime?: string;
}

// ---- list options: typed forms of every filter[...] of the API reference ----

export interface ListActionsOptions extends PageOptions {
  provider?: string;
  /** `system:root_module` or `module.foo.module.bar`. */
  moduleAddress?: string;
  lastInvokedAt?: TimeRange;
}

export interface ListRunSummariesOptions extends PageOptions {
  runId?: string;
  invocationMethods?: InvocationMethod[];
  statuses?: AggregateInvocationStatus[];
  invokedBy?: string[];
  sources?: RunSource[];
  invokedAt?: TimeRange;
}

export interface ListInvocationsOptions extends PageOptions {
  statuses?: InvocationFinalStatus[];
  q?: string;
}

export interface ListResourceGroupsOptions extends PageOptions {
  statuses?: ResourceGroupStatus[];
  q?: string;
}
