import type { Redis } from 'ioredis';
import { DeliveryRecords } from './delivery-records.js';
import type { AlertKeys } from './keys.js';
import { RecoveryState } from './recovery-state.js';
import { SubscriptionState } from './subscription-state.js';

/** Everything the poller and the post jobs remember in Redis, by concern. */
export class AlertState {
  /** Cursor, actions read, pending runs, poll lock. */
  readonly subscription: SubscriptionState;
  /** Alert records, claims and posting markers: the exactly-once protocol. */
  readonly delivery: DeliveryRecords;
  /** The newest alert of each action, for recovery. */
  readonly recovery: RecoveryState;

  constructor(
    readonly redis: Redis,
    readonly keys: AlertKeys,
  ) {
    this.subscription = new SubscriptionState(redis, keys);
    this.delivery = new DeliveryRecords(redis, keys);
    this.recovery = new RecoveryState(redis, keys);
  }
}
