/** The typed forms of `/tfactions` requests (INTERFACE.md "Slash command /tfactions"). */
import type { SubscriptionFilters } from '../../alerts/types.js';
import type {
  ListActionsOptions,
  ListInvocationsOptions,
  ListResourceGroupsOptions,
  ListRunSummariesOptions,
} from '../../hcp/types.js';

export type WorkspaceRef = { kind: 'id'; id: string } | { kind: 'name'; organization: string; name: string };

export type CommandRequest =
  | { command: 'help'; topic?: SubcommandName }
  /** options.pageNumber comes from page:N */
  | { command: 'actions'; workspace: WorkspaceRef; options: ListActionsOptions }
  | { command: 'providers'; workspace: WorkspaceRef }
  | { command: 'action'; actionId: string }
  | { command: 'runs'; actionId: string; options: ListRunSummariesOptions }
  | { command: 'invokers'; actionId: string }
  | { command: 'invocations'; actionId: string; runId: string; options: ListInvocationsOptions }
  | { command: 'resources'; actionId: string; runId: string; options: ListResourceGroupsOptions }
  | { command: 'subscribe'; workspace: WorkspaceRef; filters: SubscriptionFilters }
  | { command: 'unsubscribe'; workspace: WorkspaceRef }
  | { command: 'subscriptions' }
  /** durationSeconds defaults to 24h */
  | { command: 'mute'; actionId: string; durationSeconds: number }
  | { command: 'unmute'; actionId: string }
  | { command: 'doctor' };

/** Canonical names; the aliases `list` (actions) and `show` (action) resolve to these. */
export type SubcommandName = CommandRequest['command'];

export interface UsageError {
  /** Exactly what was wrong, quoting the offending input shortened. */
  message: string;
  /** That subcommand's usage with an example, or the general help when the subcommand is unknown. */
  usage: string;
  subcommand?: SubcommandName;
}

export type ParseResult = { ok: true; request: CommandRequest } | { ok: false; error: UsageError };
