import type { SocketModeHub } from './socket-mode.js';
/** Public shapes of the Slack stand-in: what tests configure and what they observe. */

export interface SlackStandinOptions {
  /** The only bot token the Web API accepts; default 'xoxb-test_standin_token'. */
  botToken?: string;
  /** Default 'T0STANDIN'. */
  teamId?: string;
  /** Default 'U0STANDINBOT'. */
  botUserId?: string;
  /** Default 'B0STANDIN'. */
  botId?: string;
  /** Shown as the author of bot messages on the HTML page; default 'tfactions'. */
  botName?: string;
  /** true prints every message readably to stdout; a function receives each rendering instead. */
  print?: boolean | ((rendered: string) => void);
  /** Channel membership of the bot; channels not listed count as joined. */
  members?: Record<string, boolean>;
  /** Channel names for conversations.info and the HTML page; default: the ID in lower case. A G… channel named
   * `mpdm-…` is a group DM, as on Slack. */
  channelNames?: Record<string, string>;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments: JSON fields (blocks, metadata, attachments) as values, the token removed. */
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** Date.now() when the call arrived. */
  at: number;
  /** What the stand-in answered; absent when the connection was dropped or the answer was an HTTP error. */
  response?: Record<string, unknown>;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A message posted with chat.postMessage, as it stands after chat.update calls. */
export interface PostedMessage {
  channel: string;
  ts: string;
  /** Set on thread replies: the ts of the thread's parent. */
  threadTs?: string;
  text: string;
  blocks: unknown[];
  metadata?: MessageMetadata;
  edited: boolean;
  replyBroadcast: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks: unknown[];
}

export type ResponseType = 'ephemeral' | 'in_channel';

/** One POST to a response_url. */
export interface RecordedResponse {
  /** The id in `/response/<id>`. */
  id: string;
  channelId?: string;
  userId?: string;
  text?: string;
  blocks?: unknown[];
  /** Slack's default for a missing response_type is ephemeral. */
  responseType: ResponseType;
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  threadTs?: string;
  /** The whole JSON body as posted. */
  body: Record<string, unknown>;
  /** A ts the stand-in gave the post, from the same sequence as messages: orders posts and messages. */
  ts: string;
  at: number;
}

export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
}

export interface FaultSpec {
  /** A Web API method name (exact), a RegExp tested against it, or 'response_url' for response_url posts. */
  method: string | RegExp;
  /** Answer HTTP 200 `{ ok: false, error }`, e.g. 'channel_not_found', 'not_in_channel', 'ratelimited'. */
  error?: string;
  /** Answer with this HTTP status; 429 carries a Retry-After header. */
  status?: number;
  /** Retry-After seconds of a 429; default 1. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (or before the fault takes effect). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  dropConnection?: boolean;
  /** How many matching requests the fault affects; default 1, Infinity allowed. */
  times?: number;
}

/** Narrows which messages waitForMessages counts. */
export type MessageFilter =
  | { channel?: string; threadTs?: string; topLevelOnly?: boolean }
  | ((message: PostedMessage) => boolean);

export interface SlackStandin {
  /** Slack's end of Socket Mode: `apps.connections.open` (with an xapp- token) points apps at it. */
  readonly socketMode: SocketModeHub;
  /** `http://127.0.0.1:PORT/api/`: pass as WebClient's / Bolt's slackApiUrl. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT`: GET / serves the HTML view. */
  readonly baseUrl: string;
  readonly port: number;
  readonly botToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** Requests received and not yet answered (waiting on latency or a delay fault). */
  readonly inFlight: number;
  /** Snapshot of every Web API call so far, oldest first. */
  readonly calls: readonly RecordedCall[];
  newResponseUrl(context?: ResponseUrlContext): string;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Delay every answer (or only those of one method) by ms; 0 removes it. */
  setLatency(ms: number, method?: string): void;
  setMember(channelId: string, isMember: boolean): void;
  /** An archived channel: conversations.info says so and posts are refused with is_archived. */
  setArchived(channelId: string, isArchived: boolean): void;
  /** Posted messages (after updates and deletes), oldest first, thread replies included. */
  messages(channelId?: string): PostedMessage[];
  ephemerals(channelId?: string): EphemeralMessage[];
  /** response_url posts, oldest first; with an id (or a full response URL) only those of that URL. */
  responses(id?: string): RecordedResponse[];
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  waitForMessages(count: number, filter?: MessageFilter, timeoutMs?: number): Promise<PostedMessage[]>;
  waitForResponses(count: number, id?: string, timeoutMs?: number): Promise<RecordedResponse[]>;
  clearCalls(): void;
  close(): Promise<void>;
}
