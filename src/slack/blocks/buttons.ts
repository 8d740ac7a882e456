import type { Button } from '@slack/types';
import { ButtonValueError } from '../buttons/codec.js';
import {
  ACTION_ID_PREFIX,
  actionIdFor,
  type ButtonEncoder,
  type ButtonPayload,
} from '../buttons/payloads.js';
import { LIMITS, truncate } from './limits.js';
import { isHttpUrl } from './mrkdwn.js';
import { plainText } from './primitives.js';

/** action_id kind of URL buttons: Slack still sends a click for them, which only needs an ack. */
export const LINK_BUTTON_KIND = 'link';
export const LINK_BUTTON_VALUE = 'link';

/** True for the action_id of a URL button ("Open run"): ack it and do nothing. */
export function isLinkButtonActionId(actionId: string): boolean {
  return actionId.startsWith(`${ACTION_ID_PREFIX}${LINK_BUTTON_KIND}.`);
}

/**
 * Makes the buttons of ONE message: unique action_ids, encoded values. A button whose value would not fit
 * Slack's 2000 characters is left out and counted, so the message can say so.
 */
export class ButtonMaker {
  private nextIndex = 0;
  private droppedCount = 0;

  constructor(private readonly encoder: ButtonEncoder) {}

  /** How many buttons were left out because their value was too long. */
  get dropped(): number {
    return this.droppedCount;
  }

  make(label: string, payload: ButtonPayload, style?: 'primary' | 'danger'): Button | null {
    const actionId = actionIdFor(payload.kind, this.nextIndex++);
    let value: string;
    try {
      value = this.encoder.encode(payload);
    } catch (error) {
      if (!(error instanceof ButtonValueError)) throw error;
      this.droppedCount += 1;
      return null;
    }
    if (value.length > LIMITS.buttonValue) {
      this.droppedCount += 1;
      return null;
    }
    const button: Button = {
      type: 'button',
      text: plainText(truncate(label, LIMITS.buttonText)),
      action_id: actionId,
      value,
    };
    if (style) button.style = style;
    return button;
  }

  /** A button that opens a URL; null when the URL is not http(s) or too long for Slack. */
  link(label: string, url: string): Button | null {
    if (!isHttpUrl(url) || url.length > LIMITS.buttonUrl) return null;
    return {
      type: 'button',
      text: plainText(truncate(label, LIMITS.buttonText)),
      action_id: `${ACTION_ID_PREFIX}${LINK_BUTTON_KIND}.${this.nextIndex++}`,
      value: LINK_BUTTON_VALUE,
      url,
    };
  }
}

export const TOO_LONG_BUTTONS_NOTE =
  ':warning: Some buttons were left out: their command is too long for a Slack button. Type the command instead.';
