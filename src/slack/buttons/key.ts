import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { ButtonCodec } from './codec.js';

/**
 * The web and worker processes must sign buttons with the same key: the signing secret in HTTP mode, else a
 * hash of the bot token (Socket Mode has no signing secret). Neither value leaves the process.
 */
export function buttonCodecFor(config: Config): ButtonCodec {
  const key =
    config.slackSigningSecret ??
    createHash('sha256').update(`tfactions-buttons\n${config.slackBotToken}`).digest('hex');
  return new ButtonCodec(key);
}
