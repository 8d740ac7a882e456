import { blockActionsBody, postSigned, slashCommandBody } from '../../test/support/slack-signer.js';
import type {
  PostedMessage,
  RecordedResponse,
  SlackStandin,
} from '../../test/support/slack-standin/index.js';
import { listButtons } from '../../test/support/slack-standin/index.js';

export interface DemoChannel {
  id: string;
  name: string;
}

export interface DemoUser {
  id: string;
  name: string;
}

/**
 * A person in the demo's Slack workspace: sends `/tfactions` and clicks buttons exactly as Slack would
 * (signed requests to the web process's /slack/events, answers through the stand-in's response_url).
 */
export class SlackUser {
  constructor(
    private readonly standin: SlackStandin,
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly user: DemoUser,
    private readonly channel: DemoChannel,
  ) {}

  /** Sends the command; resolves with the first response_url answer, or undefined after timeoutMs. */
  async command(text: string, timeoutMs: number): Promise<RecordedResponse | undefined> {
    const responseUrl = this.standin.newResponseUrl({ channelId: this.channel.id, userId: this.user.id });
    const body = slashCommandBody({
      text,
      channel_id: this.channel.id,
      channel_name: this.channel.name,
      user_id: this.user.id,
      user_name: this.user.name,
      response_url: responseUrl,
    });
    const answer = await postSigned(this.eventsUrl, body, { signingSecret: this.signingSecret });
    if (answer.status !== 200) throw new Error(`/tfactions ${text} was answered HTTP ${answer.status}`);
    return waitForFirstResponse(this.standin, responseUrl, timeoutMs);
  }

  /** Clicks the button whose label contains `label` on a message posted in the channel. */
  async click(message: PostedMessage, label: string): Promise<void> {
    const button = listButtons(message.blocks).find((candidate) => candidate.text.includes(label));
    if (!button?.actionId) throw new Error(`the message ${message.ts} has no "${label}" button`);
    const body = blockActionsBody({
      actionId: button.actionId,
      ...(button.value !== undefined ? { value: button.value } : {}),
      channelId: message.channel,
      userId: this.user.id,
      messageTs: message.ts,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      responseUrl: this.standin.newResponseUrl({ channelId: message.channel, userId: this.user.id }),
      message: { text: message.text, blocks: message.blocks },
    });
    const answer = await postSigned(this.eventsUrl, body, { signingSecret: this.signingSecret });
    if (answer.status !== 200) throw new Error(`the "${label}" click was answered HTTP ${answer.status}`);
  }
}

async function waitForFirstResponse(
  standin: SlackStandin,
  responseUrl: string,
  timeoutMs: number,
): Promise<RecordedResponse | undefined> {
  try {
    const [first] = await standin.waitForResponses(1, responseUrl, timeoutMs);
    return first;
  } catch {
    return undefined;
  }
}
