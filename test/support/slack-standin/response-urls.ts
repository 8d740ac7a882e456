import { randomBytes } from 'node:crypto';
import { asArray, asBoolean, asString, type JsonRecord } from './json.js';
import type { RecordedResponse, ResponseType, ResponseUrlContext } from './types.js';

/** response_url endpoints handed out by the stand-in and what was posted to them. */
export class ResponseUrlBook {
  private readonly contexts = new Map<string, ResponseUrlContext>();
  private readonly recorded: RecordedResponse[] = [];

  create(context: ResponseUrlContext = {}): string {
    const id = `${this.contexts.size + 1}${randomBytes(6).toString('hex')}`;
    this.contexts.set(id, { ...context });
    return id;
  }

  has(id: string): boolean {
    return this.contexts.has(id);
  }

  record(id: string, body: JsonRecord, ts: string): RecordedResponse {
    const context = this.contexts.get(id) ?? {};
    const responseType = body.response_type === 'in_channel' ? 'in_channel' : 'ephemeral';
    const recorded: RecordedResponse = {
      id,
      ts,
      body,
      at: Date.now(),
      responseType: responseType satisfies ResponseType,
      replaceOriginal: asBoolean(body.replace_original),
      deleteOriginal: asBoolean(body.delete_original),
    };
    if (context.channelId !== undefined) recorded.channelId = context.channelId;
    if (context.userId !== undefined) recorded.userId = context.userId;
    const text = asString(body.text);
    if (text !== undefined) recorded.text = text;
    if (body.blocks !== undefined) recorded.blocks = asArray(body.blocks);
    const threadTs = asString(body.thread_ts);
    if (threadTs !== undefined) recorded.threadTs = threadTs;
    this.recorded.push(recorded);
    return { ...recorded };
  }

  /** Accepts the id or the whole response URL. */
  list(idOrUrl?: string): RecordedResponse[] {
    const id = idOrUrl?.split('/').pop();
    return this.recorded
      .filter((response) => id === undefined || response.id === id)
      .map((response) => ({ ...response }));
  }
}
