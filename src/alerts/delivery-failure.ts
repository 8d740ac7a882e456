import type { Logger } from '../logger.js';
import type { DeliveryDeps, DeliveryResult } from './delivery-types.js';
import { CHANNEL_UNREACHABLE_ERRORS } from './parked.js';
import type { SlackFailure } from './slack-errors.js';

/** Slack refused for a reason no retry fixes (slack-errors.ts); the job must fail without retrying. */
export class PermanentDeliveryError extends Error {
  constructor(readonly code: string) {
    super(`Slack refused the message: ${code}`);
    this.name = 'PermanentDeliveryError';
  }
}

/** What a failed Slack call means for the job: wait (429), give up for good (permanent), or retry. */
export async function handleFailure(
  failure: SlackFailure,
  error: unknown,
  channelId: string,
  deps: DeliveryDeps,
  log: Logger,
): Promise<DeliveryResult> {
  switch (failure.kind) {
    case 'rate_limited': {
      const delayMs = failure.retryAfterSeconds * 1000;
      await deps.pacing.holdChannel(channelId, delayMs);
      log.warn({ retryAfterSeconds: failure.retryAfterSeconds }, 'Slack rate limited the channel; waiting');
      return { status: 'later', delayMs: delayMs + jitter(), reason: 'slack rate limit' };
    }
    case 'permanent':
      if (await deps.pacing.firstSighting(channelId, failure.code))
        log.error(
          { error: failure.code },
          CHANNEL_UNREACHABLE_ERRORS.has(failure.code)
            ? 'Slack refused to post to this channel (bot removed or channel archived); alerts are kept until the bot is invited back'
            : 'Slack refused to post to this channel and will keep refusing; alerts for it are dropped until this is fixed',
        );
      throw new PermanentDeliveryError(failure.code);
    default:
      log.warn({ error: failure.code, outcome: failure.kind }, 'Slack call failed; the job will retry');
      throw error;
  }
}

/** Spreads jobs that wait for the same slot, so they do not all wake at the same millisecond. */
export function jitter(): number {
  return Math.floor(Math.random() * 250);
}
