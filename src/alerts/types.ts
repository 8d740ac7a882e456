import type { InvocationMethod, RunSource } from '../hcp/types.js';

/** `errors:auto` posts the failing action's error text in each alert's thread; `errors:off` never reads logs. */
export const ERROR_TEXT_MODES = ['auto', 'off'] as const;
export type ErrorTextMode = (typeof ERROR_TEXT_MODES)[number];

/** The filters a channel subscription may carry (the `subscribe` filters in README's command table). */
export interface SubscriptionFilters {
  provider?: string;
  moduleAddress?: string;
  invocationMethods?: InvocationMethod[];
  sources?: RunSource[];
  invokedBy?: string[];
  /** Applied by tfactions after the API call: the API has no negative filter. */
  notInvokedBy?: string[];
  /** Absent: the error text is shown when "Invocations" is clicked. */
  errorText?: ErrorTextMode;
}
