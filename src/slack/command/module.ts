import type { Workspace } from '../../hcp/types.js';
import type { RenderContext } from '../blocks/context.js';
import type { SlackMessage } from '../blocks/message.js';
import type { ActionErrorSection } from '../buttons/error-text.js';
import type { ButtonEncoder } from '../buttons/payloads.js';
import type { SlackDeps } from '../deps.js';
import type { WorkspaceResolver } from '../workspace-resolver.js';
import type { CommandInput } from './input.js';
import type { SubcommandName } from './names.js';
import type { SubcommandSpec } from './spec.js';
import type { UsageEntry } from './usage-notes.js';

/**
 * One `/tfactions` subcommand, whole: what it accepts, how it reads and writes its request, its usage, and
 * what it does. `registry.ts` lists one per name (docs/architecture.md "Adding a subcommand").
 */
interface SubcommandBase<Request> {
  spec: SubcommandSpec;
  usage: UsageEntry;
  /** Words to a typed request; throws CommandProblem with a specific message. */
  parse(input: CommandInput): Request;
  /** The canonical words of a request, which `parse` reads back to a deep-equal request. */
  words(request: Request): string[];
}

/** A read-only question to HCP Terraform; also run by buttons (paging, drill-downs, share). */
export interface QueryModule<Request> extends SubcommandBase<Request> {
  kind: 'query';
  /** What the request is about, for the message when HCP Terraform fails. */
  subject(request: Request): string;
  execute(request: Request, context: QueryContext): Promise<SlackMessage>;
}

/** A command about tfactions itself: subscriptions, mutes, the doctor. */
export interface ManageModule<Request> extends SubcommandBase<Request> {
  kind: 'manage';
  /** Whether it changes what a channel is alerted about (admins only, when SLACK_ADMIN_USER_IDS is set). */
  changesAlerts: boolean;
  execute(request: Request, context: ManageContext): Promise<SlackMessage>;
}

export type SubcommandModule<Request> = QueryModule<Request> | ManageModule<Request>;

/** Where a result is shown decides what its buttons do. */
export interface QueryView {
  encoder: ButtonEncoder;
  buttonKind: 'query' | 'thread';
  shareable: boolean;
  /** In an alert's thread: the failing action's error text, shown above its invocations. */
  actionError?: ActionErrorSection;
}

export interface QueryContext {
  deps: Pick<SlackDeps, 'hcp' | 'config' | 'logger'>;
  workspaces: WorkspaceResolver;
  view: QueryView;
  /** How builders show this view; with commandForPage the result gets paging buttons. */
  renderContext(commandForPage?: (page: number) => string, workspace?: Workspace): RenderContext;
  /** The usage of one subcommand, or the general help; handed in so `help` need not import the table. */
  usageFor(topic?: SubcommandName): string;
}

export interface Caller {
  userId: string;
  channelId: string;
}

export interface ManageContext {
  deps: Pick<SlackDeps, 'hcp' | 'alerts' | 'config' | 'logger' | 'doctor' | 'channelReachable'>;
  workspaces: WorkspaceResolver;
  caller: Caller;
}
