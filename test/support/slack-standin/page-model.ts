import type { MessageStore } from './message-store.js';
import type { PageChannel, PageMessage } from './render-html.js';
import type { RecordedResponse } from './types.js';

const UNKNOWN_CHANNEL = '(response_url)';

/** Gathers posted messages, ephemerals and response_url posts per channel, for the HTML page. */
export function pageChannels(
  store: MessageStore,
  responses: readonly RecordedResponse[],
  botName: string,
  channelName: (channelId: string) => string,
): PageChannel[] {
  const byChannel = new Map<string, PageMessage[]>();
  const add = (channel: string, message: PageMessage) => {
    const list = byChannel.get(channel) ?? [];
    list.push(message);
    byChannel.set(channel, list);
  };
  for (const message of store.list()) {
    add(message.channel, {
      ts: message.ts,
      text: message.text,
      blocks: message.blocks,
      author: botName,
      edited: message.edited,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      ...(message.replyBroadcast ? { note: 'Also sent to the channel' } : {}),
    });
  }
  for (const message of store.ephemerals()) {
    add(message.channel, {
      ts: message.ts,
      text: message.text,
      blocks: message.blocks,
      author: botName,
      note: `Only visible to ${message.user} (chat.postEphemeral)`,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    });
  }
  for (const response of responses) {
    add(response.channelId ?? UNKNOWN_CHANNEL, {
      ts: response.ts,
      text: response.text ?? '',
      blocks: response.blocks ?? [],
      author: botName,
      note: responseNote(response),
      ...(response.threadTs ? { threadTs: response.threadTs } : {}),
    });
  }
  return [...byChannel.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([id, messages]) => ({
      id,
      name: id === UNKNOWN_CHANNEL ? id : channelName(id),
      messages: messages.sort((left, right) => Number(left.ts) - Number(right.ts)),
    }));
}

function responseNote(response: RecordedResponse): string {
  const audience =
    response.responseType === 'in_channel'
      ? 'response_url, in channel'
      : `response_url, only visible to ${response.userId ?? 'the user'}`;
  const flags = [
    response.replaceOriginal ? 'replaces original' : '',
    response.deleteOriginal ? 'deletes original' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return flags ? `${audience} (${flags})` : audience;
}
