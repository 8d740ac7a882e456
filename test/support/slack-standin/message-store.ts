import type { EphemeralMessage, MessageMetadata, PostedMessage } from './types.js';

export interface NewMessage {
  channel: string;
  threadTs?: string;
  text: string;
  blocks: unknown[];
  metadata?: MessageMetadata;
  replyBroadcast: boolean;
}

export interface MessageChanges {
  text?: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
}

/** The stand-in's channels: posted messages in posting order, and strictly increasing Slack-style ts. */
export class MessageStore {
  private readonly posted: PostedMessage[] = [];
  /** Indexes keep look-ups flat when a benchmark posts thousands of messages. */
  private readonly byKey = new Map<string, PostedMessage>();
  private readonly repliesByParent = new Map<string, PostedMessage[]>();
  private readonly ephemeralMessages: EphemeralMessage[] = [];
  private lastMicros = 0;

  /** `seconds.micros` from the clock, bumped by one microsecond whenever the clock has not moved. */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    const micros = this.lastMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  post(message: NewMessage): PostedMessage {
    const stored: PostedMessage = { ...message, ts: this.nextTs(), edited: false };
    if (stored.threadTs === undefined) delete stored.threadTs;
    if (stored.metadata === undefined) delete stored.metadata;
    this.posted.push(stored);
    this.byKey.set(keyOf(stored.channel, stored.ts), stored);
    if (stored.threadTs !== undefined) {
      const parentKey = keyOf(stored.channel, stored.threadTs);
      const replies = this.repliesByParent.get(parentKey) ?? [];
      replies.push(stored);
      this.repliesByParent.set(parentKey, replies);
    }
    return { ...stored };
  }

  find(channel: string, ts: string): PostedMessage | undefined {
    return this.byKey.get(keyOf(channel, ts));
  }

  /** Slack keeps the previous blocks when an update sends none, and the previous text when it sends no text. */
  update(channel: string, ts: string, changes: MessageChanges): PostedMessage | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    if (changes.text !== undefined) message.text = changes.text;
    if (changes.blocks !== undefined) message.blocks = changes.blocks;
    if (changes.metadata !== undefined) message.metadata = changes.metadata;
    message.edited = true;
    return { ...message };
  }

  delete(channel: string, ts: string): boolean {
    const message = this.find(channel, ts);
    if (!message) return false;
    this.posted.splice(this.posted.indexOf(message), 1);
    this.byKey.delete(keyOf(channel, ts));
    if (message.threadTs !== undefined) {
      const parentKey = keyOf(channel, message.threadTs);
      const siblings = (this.repliesByParent.get(parentKey) ?? []).filter((reply) => reply !== message);
      this.repliesByParent.set(parentKey, siblings);
    }
    return true;
  }

  list(channel?: string): PostedMessage[] {
    return this.posted
      .filter((message) => channel === undefined || message.channel === channel)
      .map((message) => ({ ...message }));
  }

  /** What conversations.history shows: top-level messages and broadcast replies, newest first. */
  history(channel: string): PostedMessage[] {
    return this.list(channel)
      .filter((message) => message.threadTs === undefined || message.replyBroadcast)
      .reverse();
  }

  /** The parent followed by its replies, oldest first; undefined when the parent does not exist. */
  thread(channel: string, ts: string): PostedMessage[] | undefined {
    const parent = this.find(channel, ts);
    if (!parent) return undefined;
    const root = this.find(channel, parent.threadTs ?? parent.ts);
    return root ? [root, ...this.replies(channel, root.ts)].map((message) => ({ ...message })) : undefined;
  }

  replies(channel: string, parentTs: string): PostedMessage[] {
    return this.repliesByParent.get(keyOf(channel, parentTs)) ?? [];
  }

  channels(): string[] {
    return [...new Set([...this.posted, ...this.ephemeralMessages].map((message) => message.channel))];
  }

  addEphemeral(message: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const stored: EphemeralMessage = { ...message, ts: this.nextTs() };
    if (stored.threadTs === undefined) delete stored.threadTs;
    this.ephemeralMessages.push(stored);
    return { ...stored };
  }

  ephemerals(channel?: string): EphemeralMessage[] {
    return this.ephemeralMessages
      .filter((message) => channel === undefined || message.channel === channel)
      .map((message) => ({ ...message }));
  }
}

function keyOf(channel: string, ts: string): string {
  return `${channel} ${ts}`;
}
