export { type ButtonInfo, listButtons, textOf } from './block-access.js';
export { BLOCK_LIMITS, validateBlocks } from './block-validation.js';
export { escapeHtml, mrkdwnToHtml, type PageChannel, type PageMessage, renderPage } from './render-html.js';
export { mrkdwnToPlain, type RenderableMessage, renderMessageText } from './render-text.js';
export { RESPONSE_URL_METHOD, startSlackStandin } from './server.js';
export type {
  EphemeralMessage,
  FaultSpec,
  MessageFilter,
  MessageMetadata,
  PostedMessage,
  RecordedCall,
  RecordedResponse,
  ResponseType,
  ResponseUrlContext,
  SlackStandin,
  SlackStandinOptions,
} from './types.js';
