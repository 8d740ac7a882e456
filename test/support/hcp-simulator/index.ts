/** HCP Terraform actions API contract simulator, for tests, the offline demo and the benchmark. */
export type { OrgDirectory, OrgRunInput, OrgWorkspaceInput, SimOrgRun, SimProject } from './org-directory.js';
export { SEED } from './seed-state.js';
export { startHcpSimulator } from './server.js';
export type {
  ActionInput,
  FaultSpec,
  HcpSimulator,
  InvocationInput,
  PaginationStyle,
  RecordedRequest,
  RunInput,
  SeedSampleState,
  SimAction,
  SimInvocation,
  SimRun,
  SimulatorOptions,
  SimWorkspace,
  WorkspaceInput,
} from './types.js';
export { UNLISTED } from './variance.js';
