import type { AlertService } from '../alerts/producer.js';
import type { Config } from '../config.js';
import type { HcpApi } from '../hcp/api.js';
import type { Logger } from '../logger.js';
import type { FindActionError } from '../run-errors/finder.js';
import type { SlackMessage } from './blocks/message.js';
import type { ButtonCodec } from './buttons/codec.js';
import type { ChannelReachability } from './channel-check.js';

/** Everything the Slack listeners need, injected so each handler can be tested on its own. */
export interface SlackDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly hcp: HcpApi;
  readonly alerts: AlertService;
  readonly codec: ButtonCodec;
  /** `/tfactions doctor`: the checks as a message for this channel. */
  readonly doctor: (channelId: string) => Promise<SlackMessage>;
  readonly now: () => Date;
  /** `subscribe` checks that the bot can post in the channel before storing anything. */
  readonly channelReachable: ChannelReachability;
  /** The failing action's error text (cached per run and action); absent: clicks show invocations only. */
  readonly findActionError?: FindActionError;
}
