import {
  chatDelete,
  chatGetPermalink,
  chatPostEphemeral,
  chatPostMessage,
  chatUpdate,
} from './chat-methods.js';
import {
  authTest,
  conversationsHistory,
  conversationsInfo,
  conversationsReplies,
  usersInfo,
} from './conversation-methods.js';
import type { JsonRecord } from './json.js';
import { failure, type MethodResult, type WebApiContext, type WebApiMethod } from './web-api-context.js';

const METHODS: ReadonlyMap<string, WebApiMethod> = new Map<string, WebApiMethod>([
  ['api.test', (args) => ({ ok: true, args })],
  ['auth.test', authTest],
  ['chat.postMessage', chatPostMessage],
  ['chat.update', chatUpdate],
  ['chat.delete', chatDelete],
  ['chat.postEphemeral', chatPostEphemeral],
  ['chat.getPermalink', chatGetPermalink],
  ['conversations.info', conversationsInfo],
  ['conversations.history', conversationsHistory],
  ['conversations.replies', conversationsReplies],
  ['users.info', usersInfo],
]);

export function supportedMethods(): string[] {
  return [...METHODS.keys()];
}

/** One Web API call as Slack answers it: unknown method first, then authentication, then the method. */
export function callWebApi(
  method: string,
  token: string | undefined,
  args: JsonRecord,
  context: WebApiContext,
): MethodResult {
  const handler = METHODS.get(method);
  if (!handler) return failure('unknown_method');
  if (method === 'api.test') return handler(args, context);
  if (token === undefined || token === '') return failure('not_authed');
  if (token !== context.identity.botToken) return failure('invalid_auth');
  return handler(args, context);
}
