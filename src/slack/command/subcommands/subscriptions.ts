import { scopeText } from '../../../alerts/scope.js';
import { describeLastWebhook } from '../../../alerts/webhook-words.js';
import { slackDate } from '../../blocks/mrkdwn.js';
import { renderSubscriptions } from '../../blocks/subscriptions.js';
import { describeCoverage } from '../../org-coverage-words.js';
import { describeHealth } from '../../subscription-health.js';
import type { ManageModule } from '../module.js';
import { spec } from '../spec.js';
import { describeFilters } from '../subscription-filters.js';

export type SubscriptionsRequest = { command: 'subscriptions' };

export const subscriptionsCommand: ManageModule<SubscriptionsRequest> = {
  kind: 'manage',
  changesAlerts: false,
  spec: spec([]),
  usage: {
    syntax: 'subscriptions',
    summary: "This channel's subscriptions.",
    notes: [],
    example: 'subscriptions',
  },
  parse: () => ({ command: 'subscriptions' }),
  words: () => ['subscriptions'],
  execute: async (_request, { deps, caller }) => {
    const [subscriptions, scopes, mutes] = await Promise.all([
      deps.alerts.listSubscriptions(caller.channelId),
      deps.alerts.listOrganizationSubscriptions(caller.channelId),
      deps.alerts.listMutes(caller.channelId),
    ]);
    const ids = [...subscriptions.map((sub) => sub.id), ...scopes.map((view) => view.subscription.id)];
    const [health, webhooks] = await Promise.all([
      deps.alerts.subscriptionHealth(ids),
      deps.alerts.lastWebhooks(ids),
    ]);
    const scopeViews = scopes.map((view) => {
      const label = scopeText(view.subscription.scope);
      return {
        workspaceLabel: label,
        workspaceId: '',
        coverageText: describeCoverage(view),
        filtersText: describeFilters(view.subscription.filters),
        createdBy: view.subscription.createdBy,
        createdAt: view.subscription.createdAt,
        healthText: [
          describeHealth(health.get(view.subscription.id), label),
          describeLastWebhook(webhooks.get(view.subscription.id), slackDate),
        ].join('\n'),
      };
    });
    return renderSubscriptions(
      [
        ...scopeViews,
        ...subscriptions.map((subscription) => ({
          workspaceLabel: `${subscription.organization}/${subscription.workspaceName}`,
          workspaceId: subscription.workspaceId,
          filtersText: describeFilters(subscription.filters),
          createdBy: subscription.createdBy,
          createdAt: subscription.createdAt,
          healthText: [
            describeHealth(
              health.get(subscription.id),
              `${subscription.organization}/${subscription.workspaceName}`,
            ),
            describeLastWebhook(webhooks.get(subscription.id), slackDate),
          ].join('\n'),
        })),
      ],
      mutes,
    );
  },
};
