/**
 * The failing action's error text for a click on an alert's "Invocations" button: read once per (run,
 * action) through the cached finder, shown above the failed invocations in the alert's thread. A channel
 * where a subscription covering the workspace (its own, or an organization scope) says `errors:off` gets one
 * line instead, and no log is read (error-text-mode.ts: off wins).
 */

import type { KnownBlock } from '@slack/types';
import { strictestErrorTextMode } from '../../alerts/error-text-mode.js';
import type { Subscription } from '../../alerts/subscriptions.js';
import type { ActionRunRef } from '../../hcp/types.js';
import { isUnavailable } from '../../run-errors/types.js';
import { actionErrorBlocks } from '../blocks/action-error.js';
import { ButtonMaker } from '../blocks/buttons.js';
import { runUrl } from '../blocks/links.js';
import { contextBlock, sectionBlock } from '../blocks/primitives.js';
import type { SlackDeps } from '../deps.js';
import type { ButtonEncoder } from './payloads.js';

export interface ActionErrorQuestion extends ActionRunRef {
  /** The resources whose lifecycle triggered the failed invocations. */
  triggeringResourceAddresses: readonly string[];
}

/** Blocks to show above the invocations; empty when there is nothing to add. */
export type ActionErrorSection = (question: ActionErrorQuestion) => Promise<KnownBlock[]>;

export const ERROR_TEXT_OFF_LINE =
  ':no_entry_sign: Error text is off for this channel (`errors:off` on its subscription): no run log was read.';

export function actionErrorSection(
  deps: Pick<SlackDeps, 'hcp' | 'alerts' | 'config' | 'logger' | 'findActionError'>,
  channelId: string,
  encoder: ButtonEncoder,
): ActionErrorSection {
  return async (question) => {
    const find = deps.findActionError;
    if (find === undefined) return [];
    try {
      const [action, subscriptions] = await Promise.all([
        deps.hcp.getAction(question.actionId),
        deps.alerts.listSubscriptions(channelId),
      ]);
      const subscription = subscriptionOf(subscriptions, action.workspaceId);
      const scopes =
        action.workspaceId === null
          ? []
          : await deps.alerts.organizationSubscriptionsCovering(channelId, action.workspaceId);
      const covering = subscription === undefined ? scopes : [subscription, ...scopes];
      if (strictestErrorTextMode(covering) === 'off' || (covering.length === 0 && anyOff(subscriptions)))
        return [contextBlock([ERROR_TEXT_OFF_LINE])];
      const found = await find({
        runId: question.runId,
        actionAddress: action.address,
        triggeringResourceAddresses: question.triggeringResourceAddresses,
      });
      const shown =
        subscription === undefined || isUnavailable(found)
          ? found
          : {
              ...found,
              logUrlForHumans: runUrl(deps.config.tfeAddress, workspaceOf(subscription), question.runId),
            };
      return actionErrorBlocks(
        shown,
        { actionAddress: action.address, runId: question.runId },
        new ButtonMaker(encoder),
      );
    } catch (error) {
      deps.logger.warn(
        { err: error, action: question.actionId, run: question.runId },
        'error text lookup failed',
      );
      return [
        sectionBlock(
          ":grey_question: The action's error text could not be looked up; the invocations follow.",
        ),
      ];
    }
  };
}

function subscriptionOf(
  subscriptions: readonly Subscription[],
  workspaceId: string | null,
): Subscription | undefined {
  return workspaceId === null ? undefined : subscriptions.find((sub) => sub.workspaceId === workspaceId);
}

/** Without the action's workspace, one `errors:off` subscription in the channel is enough to keep logs out. */
function anyOff(subscriptions: readonly Subscription[]): boolean {
  return subscriptions.some((sub) => sub.filters.errorText === 'off');
}

function workspaceOf(subscription: Subscription) {
  return { organization: subscription.organization, name: subscription.workspaceName };
}
