/** Readings of the simulator's request log, on the epoch clock the bench and the stand-in use. */
import type { RecordedRequest } from '../test/support/hcp-simulator/index.js';

/** Epoch ms of the first run-summary read of the failure's action after it was added (the poll that found it). */
export function firstSummaryRead(
  requests: readonly RecordedRequest[],
  failure: { actionId: string; at: number },
): number | undefined {
  const path = `/api/v2/terraform-actions/${failure.actionId}/invocations/run-summary`;
  for (const request of requests) {
    const at = performance.timeOrigin + request.receivedAt;
    if (request.path === path && at >= failure.at) return at;
  }
  return undefined;
}

/** Gaps between consecutive action listings of each workspace since `sinceMs`: the real tick period. */
export function pollGaps(
  requests: readonly RecordedRequest[],
  workspaceIds: readonly string[],
  sinceMs: number,
): number[] {
  const gaps: number[] = [];
  for (const workspaceId of workspaceIds) {
    const path = `/api/v2/workspaces/${workspaceId}/terraform-actions`;
    const times = requests
      .filter((request) => request.path === path)
      .map((request) => performance.timeOrigin + request.receivedAt)
      .filter((at) => at >= sinceMs);
    for (let i = 1; i < times.length; i++) gaps.push((times[i] ?? 0) - (times[i - 1] ?? 0));
  }
  return gaps;
}

export function requestRate(requests: readonly RecordedRequest[], fromMs: number, toMs: number): number {
  const count = requests.filter((request) => {
    const at = performance.timeOrigin + request.receivedAt;
    return at >= fromMs && at <= toMs;
  }).length;
  return count / ((toMs - fromMs) / 1000);
}
