import type { CommandInput } from './input.js';
import type { ManageModule, QueryModule, SubcommandModule } from './module.js';
import type { SubcommandName } from './names.js';
import { actionCommand } from './subcommands/action.js';
import { actionsCommand } from './subcommands/actions.js';
import { doctorCommand } from './subcommands/doctor.js';
import { helpCommand } from './subcommands/help.js';
import { invocationsCommand } from './subcommands/invocations.js';
import { invokersCommand } from './subcommands/invokers.js';
import { muteCommand } from './subcommands/mute.js';
import { providersCommand } from './subcommands/providers.js';
import { resourcesCommand } from './subcommands/resources.js';
import { runsCommand } from './subcommands/runs.js';
import { subscribeCommand } from './subcommands/subscribe.js';
import { subscriptionsCommand } from './subcommands/subscriptions.js';
import { unmuteCommand } from './subcommands/unmute.js';
import { unsubscribeCommand } from './subcommands/unsubscribe.js';
import { webhookCommand } from './subcommands/webhook.js';

/**
 * Every subcommand, one module each. `satisfies` makes a name without a module, or a module without a name,
 * a compile error; the request types below are derived from this table.
 */
export const SUBCOMMANDS = {
  help: helpCommand,
  actions: actionsCommand,
  providers: providersCommand,
  action: actionCommand,
  runs: runsCommand,
  invokers: invokersCommand,
  invocations: invocationsCommand,
  resources: resourcesCommand,
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  subscriptions: subscriptionsCommand,
  mute: muteCommand,
  unmute: unmuteCommand,
  doctor: doctorCommand,
  webhook: webhookCommand,
} as const satisfies { readonly [Name in SubcommandName]: SubcommandModule<{ command: Name }> };

type Table = typeof SUBCOMMANDS;
type RequestOf<Module> = Module extends { parse(input: CommandInput): infer Request } ? Request : never;

/** The typed forms of `/tfactions` requests, one per subcommand. */
export type CommandRequest = { [Name in SubcommandName]: RequestOf<Table[Name]> }[SubcommandName];

/** Requests of the read-only subcommands, which buttons may re-run. */
export type QueryRequest = {
  [Name in SubcommandName]: Table[Name] extends { kind: 'query' } ? RequestOf<Table[Name]> : never;
}[SubcommandName];

export type ManageRequest = Exclude<CommandRequest, QueryRequest>;

export function isQueryRequest(request: CommandRequest): request is QueryRequest {
  return SUBCOMMANDS[request.command].kind === 'query';
}

// TypeScript cannot relate a request union to the matching table entry (correlated unions); each entry is
// checked against its own request type above, so these lookups are sound.

export function moduleOf(request: CommandRequest): SubcommandModule<CommandRequest> {
  return SUBCOMMANDS[request.command] as SubcommandModule<CommandRequest>;
}

export function queryModuleOf(request: QueryRequest): QueryModule<QueryRequest> {
  return SUBCOMMANDS[request.command] as QueryModule<QueryRequest>;
}

export function manageModuleOf(request: ManageRequest): ManageModule<ManageRequest> {
  return SUBCOMMANDS[request.command] as ManageModule<ManageRequest>;
}
