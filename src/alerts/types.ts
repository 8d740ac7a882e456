import type { InvocationMethod, RunSource } from '../hcp/types.js';

/** The filters a channel subscription may carry (INTERFACE.md `subscribe`). */
export interface SubscriptionFilters {
  provider?: string;
  moduleAddress?: string;
  invocationMethods?: InvocationMethod[];
  sources?: RunSource[];
  invokedBy?: string[];
  /** Applied by tfactions after the API call: the API has no negative filter. */
  notInvokedBy?: string[];
}
