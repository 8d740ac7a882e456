import { randomBytes } from 'node:crypto';
import { type Config, loadConfig, secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startWebRuntime, type WebRuntime } from '../../src/runtime/web.js';
import type { HcpSimulator } from './hcp-simulator/index.js';
import { startHcpSimulator } from './hcp-simulator/index.js';
import { MemoryLog } from './memory-log.js';
import {
  blockActionsBody,
  eventCallbackBody,
  type MemberJoinedInput,
  memberJoinedChannelBody,
  postSigned,
  slashCommandBody,
} from './slack-signer.js';
import type { SlackStandin } from './slack-standin/index.js';
import { startSlackStandin } from './slack-standin/index.js';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789';
export const TFE_TOKEN = 'e2e-tfe-token.atlasv1.secretsecretsecret';

export interface WebHarness {
  sim: HcpSimulator;
  slack: SlackStandin;
  web: WebRuntime;
  log: MemoryLog;
  config: Config;
  eventsUrl: string;
  baseUrl: string;
  /** Sends a signed slash command; resolves with the HTTP answer and the response_url to watch. */
  command(
    text: string,
    options?: { channelId?: string; userId?: string },
  ): Promise<{ status: number; body: string; durationMs: number; responseUrl: string }>;
  /** Sends a signed button click. */
  click(input: {
    actionId: string;
    value?: string;
    channelId: string;
    userId?: string;
    messageTs: string;
    threadTs?: string;
    message?: { text?: string; blocks?: unknown[] };
    isEphemeral?: boolean;
  }): Promise<{ status: number; responseUrl: string }>;
  /** Sends a signed `member_joined_channel` event (Events API, JSON). */
  memberJoined(input: MemberJoinedInput): Promise<{ status: number }>;
  /** Sends any signed Events API callback around `event`. */
  event(event: Record<string, unknown>): Promise<{ status: number }>;
  close(): Promise<void>;
}

export async function startWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const sim = await startHcpSimulator({ token: TFE_TOKEN });
  const slack = await startSlackStandin();
  const log = new MemoryLog();
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TFE_TOKEN: sim.token,
    TFE_ADDRESS: sim.address,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    LOG_LEVEL: 'debug',
    REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString('hex')}:`,
    ...env,
  });
  const logger = createLogger({ level: 'debug', secrets: secretsOf(config), destination: log });
  const web = await startWebRuntime(config, logger);
  const baseUrl = `http://127.0.0.1:${web.port}`;
  const eventsUrl = `${baseUrl}/slack/events`;
  const postEvent = async (body: string) => {
    const answer = await postSigned(eventsUrl, body, {
      signingSecret: SIGNING_SECRET,
      contentType: 'application/json',
    });
    return { status: answer.status };
  };
  return {
    sim,
    slack,
    web,
    log,
    config,
    eventsUrl,
    baseUrl,
    async command(text, options = {}) {
      const channelId = options.channelId ?? 'C0ALERTS';
      const responseUrl = slack.newResponseUrl({ channelId, userId: options.userId ?? 'U0ALICE' });
      const body = slashCommandBody({
        text,
        channel_id: channelId,
        user_id: options.userId ?? 'U0ALICE',
        response_url: responseUrl,
      });
      const answer = await postSigned(eventsUrl, body, { signingSecret: SIGNING_SECRET });
      return { ...answer, responseUrl };
    },
    async click(input) {
      const responseUrl = slack.newResponseUrl({
        channelId: input.channelId,
        userId: input.userId ?? 'U0ALICE',
      });
      const body = blockActionsBody({ ...input, responseUrl });
      const answer = await postSigned(eventsUrl, body, { signingSecret: SIGNING_SECRET });
      return { status: answer.status, responseUrl };
    },
    async memberJoined(input) {
      return postEvent(memberJoinedChannelBody(input));
    },
    async event(event) {
      return postEvent(eventCallbackBody(event));
    },
    async close() {
      await web.close();
      await slack.close();
      await sim.close();
    },
  };
}
