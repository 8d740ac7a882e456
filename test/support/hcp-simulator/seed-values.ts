/**
 * The value lists of the API reference (the "seed", docs/architecture.md), written here from the reference
 * itself rather than imported from the client: a simulator that shares the client's lists cannot show
 * the client a value it does not know.
 */

/** filter[aggregate_invocation_status] of run summaries. */
export const SEED_AGGREGATE_STATUSES = [
  'successful',
  'not_successful',
  'not_invoked',
  'run_in_progress',
] as const;
export type SeedAggregateStatus = (typeof SEED_AGGREGATE_STATUSES)[number];

/** filter[status] of invocations. */
export const SEED_FINAL_STATUSES = ['failed', 'not_invoked', 'successful'] as const;
export type SeedFinalStatus = (typeof SEED_FINAL_STATUSES)[number];

/** filter[aggregate_status] of lifecycle resource groups. */
export const SEED_GROUP_STATUSES = ['successful', 'not_invoked', 'not_successful'] as const;
export type SeedGroupStatus = (typeof SEED_GROUP_STATUSES)[number];

/** filter[invocation_method] of run summaries. */
export const SEED_METHODS = ['direct', 'lifecycle'] as const;
export type SeedMethod = (typeof SEED_METHODS)[number];

/** filter[source] of run summaries. */
export const SEED_RUN_SOURCES = [
  'tfe-api',
  'terraform',
  'terraform+cloud',
  'tfe-configuration-version',
  'tfe-run-trigger',
  'tfe-ui',
] as const;
export type SeedRunSource = (typeof SEED_RUN_SOURCES)[number];

/** filter[module_address] of root-module actions. */
export const SEED_ROOT_MODULE = 'system:root_module';
/** invoked-by of invocations without a human actor (invocation filter options). */
export const SEED_NOT_A_USER = 'system:not_a_user';
