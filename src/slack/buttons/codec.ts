import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ButtonEncoder, ButtonPayload } from './payloads.js';

export const MAX_BUTTON_VALUE = 2000;

export class ButtonValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ButtonValueError';
  }
}

/**
 * Button values are `<base64url(json)>.<hmac>`: the HMAC covers the payload and the channel, so a value that
 * was edited, or copied from a message in another channel, does not verify.
 */
export class ButtonCodec {
  constructor(private readonly key: string) {
    if (key.length < 8) throw new Error('button signing key is too short');
  }

  encoderFor(channelId: string): ButtonEncoder {
    return { encode: (payload) => this.encode(payload, channelId) };
  }

  encode(payload: ButtonPayload, channelId: string): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const value = `${body}.${this.sign(body, channelId)}`;
    if (value.length > MAX_BUTTON_VALUE)
      throw new ButtonValueError('button value would exceed 2000 characters');
    return value;
  }

  decode(value: string, channelId: string): ButtonPayload {
    if (typeof value !== 'string' || value.length > MAX_BUTTON_VALUE)
      throw new ButtonValueError('this button carries no readable value');
    const dot = value.lastIndexOf('.');
    if (dot <= 0) throw new ButtonValueError('this button carries no readable value');
    const body = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.sign(body, channelId));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ButtonValueError('this button was not made for this channel, or its value was altered');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new ButtonValueError('this button carries no readable value');
    }
    const payload = asPayload(parsed);
    if (!payload) throw new ButtonValueError('this button carries an unknown kind of value');
    return payload;
  }

  private sign(body: string, channelId: string): string {
    return createHmac('sha256', this.key).update(`${channelId}\n${body}`).digest('base64url').slice(0, 32);
  }
}

function asPayload(value: unknown): ButtonPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  switch (record.kind) {
    case 'query':
    case 'share':
    case 'thread':
      return typeof record.command === 'string' ? { kind: record.kind, command: record.command } : null;
    case 'mute':
      return typeof record.actionId === 'string' && typeof record.durationSeconds === 'number'
        ? { kind: 'mute', actionId: record.actionId, durationSeconds: record.durationSeconds }
        : null;
    default:
      return null;
  }
}
