import { renderMessageText } from './render-text.js';
import type { RecordedResponse } from './types.js';
import type { MessageEvent } from './web-api-context.js';

export type Printer = (rendered: string) => void;

export function printerFor(option: boolean | ((rendered: string) => void) | undefined): Printer | undefined {
  if (typeof option === 'function') return option;
  return option ? (rendered) => process.stdout.write(`${rendered}\n\n`) : undefined;
}

export function renderMessageEvent(event: MessageEvent): string {
  const { message } = event;
  const base = {
    channel: message.channel,
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
  };
  switch (event.kind) {
    case 'posted':
      return renderMessageText({ ...base, label: 'chat.postMessage' });
    case 'updated':
      return renderMessageText({ ...base, label: 'chat.update', edited: true });
    case 'deleted':
      return renderMessageText({ ...base, label: 'chat.delete', blocks: [], text: '(deleted)' });
    case 'ephemeral':
      return renderMessageText({ ...base, label: `chat.postEphemeral to ${event.message.user}` });
  }
}

export function renderResponse(response: RecordedResponse): string {
  const flags = [
    response.responseType,
    response.replaceOriginal ? 'replace_original' : '',
    response.deleteOriginal ? 'delete_original' : '',
  ].filter(Boolean);
  return renderMessageText({
    ts: response.ts,
    text: response.text ?? '',
    blocks: response.blocks ?? [],
    label: `response_url ${flags.join(' ')}`,
    ...(response.channelId ? { channel: response.channelId } : {}),
    ...(response.threadTs ? { threadTs: response.threadTs } : {}),
  });
}
