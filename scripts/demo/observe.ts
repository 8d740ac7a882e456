import type { HcpSimulator } from '../../test/support/hcp-simulator/index.js';
import type { PostedMessage, SlackStandin } from '../../test/support/slack-standin/index.js';
import { mentions } from './outcome.js';
import { pollFor } from './timing.js';

/** What the demo watches to know the real processes did their part: the simulator's and the stand-in's logs. */

const API = '/api/v2';

/** How many times the worker has listed a workspace's actions successfully (each tick starts with that). */
export function workspaceListings(sim: HcpSimulator, workspaceId: string): number {
  const path = `${API}/workspaces/${workspaceId}/terraform-actions`;
  return sim.requests.filter((request) => request.path === path && request.status === 200).length;
}

function allAnswered(sim: HcpSimulator): boolean {
  return sim.requests.every((request) => request.status !== 0);
}

/**
 * Resolves true once the worker has listed each workspace `count` more times than it had at `since`, and
 * every request so far has been answered; false after timeoutMs.
 */
export async function waitForListings(
  sim: HcpSimulator,
  since: ReadonlyMap<string, number>,
  count: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const done = await pollFor(
    () => {
      for (const [workspaceId, before] of since)
        if (workspaceListings(sim, workspaceId) < before + count) return undefined;
      return allAnswered(sim) ? true : undefined;
    },
    timeoutMs,
    signal,
  );
  return done === true;
}

export function listingsNow(sim: HcpSimulator, workspaceIds: readonly string[]): Map<string, number> {
  return new Map(workspaceIds.map((id) => [id, workspaceListings(sim, id)]));
}

/** Whether the worker asked for the run summaries of an action since request number `sinceIndex`. */
export function summariesReadSince(sim: HcpSimulator, actionId: string, sinceIndex: number): boolean {
  const path = `${API}/terraform-actions/${actionId}/invocations/run-summary`;
  return sim.requests.slice(sinceIndex).some((request) => request.path === path && request.status === 200);
}

/** Whether the worker re-read one run's summary by its ID (the pending-run re-check). */
export function runRechecked(sim: HcpSimulator, runId: string, sinceIndex: number): boolean {
  return sim.requests.slice(sinceIndex).some((request) => request.query['filter[run][id]'] === runId);
}

/** The first top-level message of the channel that names the run. */
export function waitForAlert(
  standin: SlackStandin,
  channelId: string,
  runId: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostedMessage | undefined> {
  return pollFor(
    () =>
      standin
        .messages(channelId)
        .find((message) => message.threadTs === undefined && mentions(message, runId)),
    timeoutMs,
    signal,
  );
}

/** The first reply in a thread that `matches`. */
export function waitForReply(
  standin: SlackStandin,
  channelId: string,
  threadTs: string,
  matches: (message: PostedMessage) => boolean,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostedMessage | undefined> {
  return pollFor(
    () => standin.messages(channelId).find((message) => message.threadTs === threadTs && matches(message)),
    timeoutMs,
    signal,
  );
}
