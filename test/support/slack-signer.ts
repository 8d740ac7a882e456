import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import fetch from 'node-fetch';
import { listButtons } from './slack-standin/block-access.js';

/** Slack's v0 request signature: hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

const DEFAULTS = {
  token: 'legacy-verification-token',
  teamId: 'T0STANDIN',
  teamDomain: 'standin',
  channelId: 'C0STANDIN',
  userId: 'U0STANDINUSER',
  userName: 'standin.user',
  apiAppId: 'A0STANDIN',
} as const;

export interface SlashCommandFields {
  text: string;
  command?: string;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  team_domain?: string;
  response_url: string;
  trigger_id?: string;
  api_app_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: string;
}

/** A slash command request body, form-encoded with the fields in the order Slack sends them. */
export function slashCommandBody(fields: SlashCommandFields): string {
  const ordered: [string, string | undefined][] = [
    ['token', DEFAULTS.token],
    ['team_id', fields.team_id ?? DEFAULTS.teamId],
    ['team_domain', fields.team_domain ?? DEFAULTS.teamDomain],
    ['enterprise_id', fields.enterprise_id],
    ['channel_id', fields.channel_id ?? DEFAULTS.channelId],
    ['channel_name', fields.channel_name ?? 'tfactions-test'],
    ['user_id', fields.user_id ?? DEFAULTS.userId],
    ['user_name', fields.user_name ?? DEFAULTS.userName],
    ['command', fields.command ?? '/tfactions'],
    ['text', fields.text],
    ['api_app_id', fields.api_app_id ?? DEFAULTS.apiAppId],
    ['is_enterprise_install', fields.is_enterprise_install ?? 'false'],
    ['response_url', fields.response_url],
    ['trigger_id', fields.trigger_id ?? triggerId()],
  ];
  const params = new URLSearchParams();
  for (const [name, value] of ordered) if (value !== undefined) params.append(name, value);
  return params.toString();
}

export interface BlockActionsPayloadInput {
  actionId: string;
  /** Default: the value of the button with actionId in message.blocks. */
  value?: string;
  /** Default: the block_id of that button's block. */
  blockId?: string;
  channelId: string;
  userId?: string;
  messageTs: string;
  threadTs?: string;
  responseUrl: string;
  message?: { text?: string; blocks?: unknown[] };
  /** Clicks on ephemeral messages carry no `message`, as on Slack. */
  isEphemeral?: boolean;
}

/** An interactivity request body for a button click: `payload=<urlencoded JSON>`, as Slack sends it. */
export function blockActionsBody(payload: BlockActionsPayloadInput): string {
  return new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(payload)) }).toString();
}

export function blockActionsPayload(input: BlockActionsPayloadInput): Record<string, unknown> {
  const userId = input.userId ?? DEFAULTS.userId;
  const blocks = input.message?.blocks ?? [];
  const button = listButtons(blocks).find((candidate) => candidate.actionId === input.actionId);
  const isEphemeral = input.isEphemeral ?? false;
  const actionTs = (Date.now() / 1000).toFixed(6);
  const container: Record<string, unknown> = {
    type: 'message',
    message_ts: input.messageTs,
    channel_id: input.channelId,
    is_ephemeral: isEphemeral,
  };
  if (input.threadTs !== undefined) container.thread_ts = input.threadTs;
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: DEFAULTS.userName, name: DEFAULTS.userName, team_id: DEFAULTS.teamId },
    api_app_id: DEFAULTS.apiAppId,
    token: DEFAULTS.token,
    container,
    trigger_id: triggerId(),
    team: { id: DEFAULTS.teamId, domain: DEFAULTS.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channelId, name: 'tfactions-test' },
  };
  if (!isEphemeral) {
    const message: Record<string, unknown> = {
      type: 'message',
      ts: input.messageTs,
      text: input.message?.text ?? '',
      blocks,
      user: 'U0STANDINBOT',
      bot_id: 'B0STANDIN',
    };
    if (input.threadTs !== undefined) message.thread_ts = input.threadTs;
    payload.message = message;
  }
  payload.state = { values: {} };
  payload.response_url = input.responseUrl;
  payload.actions = [
    {
      action_id: input.actionId,
      block_id: input.blockId ?? button?.blockId ?? randomBytes(3).toString('hex'),
      text: { type: 'plain_text', text: button?.text ?? input.actionId, emoji: true },
      value: input.value ?? button?.value ?? '',
      type: 'button',
      action_ts: actionTs,
    },
  ];
  return payload;
}

export interface PostSignedOptions {
  signingSecret: string;
  /** Default application/x-www-form-urlencoded. */
  contentType?: string;
  timestampSeconds?: number;
  /** Sent instead of the right signature, to test refusals. */
  signature?: string;
}

/** POSTs a body signed like Slack signs it; resolves with whatever the server answered. */
export async function postSigned(
  url: string,
  rawBody: string,
  options: PostSignedOptions,
): Promise<{ status: number; body: string; durationMs: number }> {
  const signed = signSlackRequest(options.signingSecret, rawBody, options.timestampSeconds);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': signed['x-slack-request-timestamp'],
      'x-slack-signature': options.signature ?? signed['x-slack-signature'],
    },
    body: rawBody,
  });
  const body = await response.text();
  return { status: response.status, body, durationMs: performance.now() - started };
}

export interface MemberJoinedInput {
  channelId: string;
  userId: string;
  teamId?: string;
  inviterId?: string;
}

/** An Events API `member_joined_channel` callback, as Slack posts it to the request URL (JSON). */
export function memberJoinedChannelBody(input: MemberJoinedInput): string {
  const teamId = input.teamId ?? DEFAULTS.teamId;
  return eventCallbackBody(
    {
      type: 'member_joined_channel',
      user: input.userId,
      channel: input.channelId,
      channel_type: input.channelId.startsWith('G') ? 'G' : 'C',
      team: teamId,
      inviter: input.inviterId ?? DEFAULTS.userId,
    },
    teamId,
  );
}

/** Any Events API callback around `event` (its event_ts added), JSON as Slack posts it. */
export function eventCallbackBody(event: Record<string, unknown>, teamId: string = DEFAULTS.teamId): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: DEFAULTS.token,
    team_id: teamId,
    api_app_id: DEFAULTS.apiAppId,
    event: { ...event, event_ts: `${now}.000100` },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: now,
    authorizations: [
      { team_id: teamId, user_id: 'U0STANDINBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

function triggerId(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}
