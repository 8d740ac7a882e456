import type { OrgSubscriptionStore } from './org-subscriptions.js';
import type { PollerDeps } from './poll-types.js';

/** What an organization's poll cycle needs: the per-workspace poller's deps plus the organization store. */
export interface OrgPollDeps extends PollerDeps {
  orgStore: OrgSubscriptionStore;
  /** How old the full workspace listing may get; DIRECTORY_REFRESH_MS (an hour) unless set. */
  directoryRefreshMs?: number;
}
