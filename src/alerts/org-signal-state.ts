import type { Redis } from 'ioredis';
import type { OrgKeys } from './org-keys.js';
import type { SignalWatermark } from './org-signal.js';

/** What an organization's cycle hands to the next one; written only after the cycle's polls are done. */
export interface OrgSignalState {
  watermark: SignalWatermark | null;
  nonFinalRuns: Record<string, string>;
  /** The runs listing answered 404 at the last cycle: per-workspace fallback. */
  endpointMissing: boolean;
  /** Organization subscriptions that existed at the end of a cycle: their watch has started. */
  started: string[];
}

export const EMPTY_SIGNAL_STATE: OrgSignalState = {
  watermark: null,
  nonFinalRuns: {},
  endpointMissing: false,
  started: [],
};

export async function readSignalState(
  redis: Redis,
  orgKeys: OrgKeys,
  organization: string,
): Promise<OrgSignalState> {
  const raw = await redis.get(orgKeys.signal(organization));
  if (raw === null) return { ...EMPTY_SIGNAL_STATE };
  try {
    const value = JSON.parse(raw) as Partial<OrgSignalState>;
    return {
      watermark: value.watermark ?? null,
      nonFinalRuns: value.nonFinalRuns ?? {},
      endpointMissing: value.endpointMissing === true,
      started: Array.isArray(value.started) ? value.started : [],
    };
  } catch {
    return { ...EMPTY_SIGNAL_STATE };
  }
}

export async function writeSignalState(
  redis: Redis,
  orgKeys: OrgKeys,
  organization: string,
  state: OrgSignalState,
): Promise<void> {
  await redis.set(orgKeys.signal(organization), JSON.stringify(state));
}
