/**
 * One poll cycle of one organization, shared by all its subscriptions (one scheduler job per organization):
 * one signal read (org-signal.ts), the directory kept fresh enough to decide scope membership
 * (org-directory.ts), then today's per-workspace poll (poller.ts: cursor, pending runs, claims) for the
 * members the signal names, plus those with runs still in progress. A workspace polled for two
 * subscriptions of one channel is alerted once: alert records are per (channel, action, run).
 *
 * Crash safety: the signal state is written last, so a cycle killed anywhere is read again from the same
 * watermark; member creation and the member polls are idempotent.
 */

import { OrganizationDirectory, type WorkspaceFacts } from './org-directory.js';
import { joinScope } from './org-join.js';
import { memberIdFor, organizationJobKey } from './org-keys.js';
import type { OrgPollDeps } from './org-poll-deps.js';
import { readOrganizationSignal } from './org-signal.js';
import { type OrgSignalState, readSignalState, writeSignalState } from './org-signal-state.js';
import { healthSubject, type OrgSubscription } from './org-subscriptions.js';
import { notePollFailure, notePollSuccess } from './poll-health.js';
import { pollSubscription } from './poller.js';
import { workspaceInScope } from './scope.js';

export type { OrgPollDeps } from './org-poll-deps.js';

export interface OrgCycleResult {
  mode: 'signal' | 'fallback' | 'idle';
  /** HCP requests of the signal and the directory (member polls not counted). */
  discoveryRequests: number;
  polledMembers: number;
  alerts: number;
}

const EPOCH_WATERMARK = { createdAt: '1970-01-01T00:00:00Z', runIds: [] };

export async function pollOrganization(organization: string, deps: OrgPollDeps): Promise<OrgCycleResult> {
  const log = deps.logger.child({ organization });
  const subscriptions = await deps.orgStore.listForOrganization(organization);
  const result: OrgCycleResult = { mode: 'idle', discoveryRequests: 0, polledMembers: 0, alerts: 0 };
  if (subscriptions.length === 0) return result;
  const { redis } = deps.state;
  const orgKeys = deps.orgStore.orgKeys;
  const previous = await readSignalState(redis, orgKeys, organization);
  const directory = new OrganizationDirectory(redis, orgKeys, deps.hcp);
  const now = (deps.clock ?? Date.now)();

  let named: Set<string>;
  let next: OrgSignalState;
  let refreshedAll = false;
  try {
    const signal = await readOrganizationSignal(deps.hcp, {
      organization,
      // null tells the signal "first cycle, all is history"; after one, an organization without runs yet
      // must still have its first run named.
      watermark: previous.watermark ?? (previous.started.length > 0 ? EPOCH_WATERMARK : null),
      nonFinalRuns: previous.nonFinalRuns,
    });
    result.discoveryRequests += signal.requests;
    result.mode = signal.endpointMissing ? 'fallback' : 'signal';
    if (await directory.isStale(organization, now, deps.directoryRefreshMs)) {
      result.discoveryRequests += await directory.refreshAll(organization, now);
      refreshedAll = true;
    } else if (!signal.endpointMissing && !signal.overflow)
      result.discoveryRequests += await directory.refreshNamed(organization, signal.workspaceIds);
    next = {
      watermark: signal.watermark,
      nonFinalRuns: signal.nonFinalRuns,
      endpointMissing: signal.endpointMissing,
      started: subscriptions.map((subscription) => subscription.id),
    };
    named = signal.workspaceIds;
    if (signal.endpointMissing || signal.overflow)
      named = new Set((await directory.read(organization)).keys());
  } catch (error) {
    for (const subscription of subscriptions)
      await notePollFailure(healthSubject(subscription), error, deps, log);
    throw error;
  }

  const pendingMembers = new Set(await redis.smembers(orgKeys.pendingMembers(organization)));
  // An idle cycle reads no workspace facts; a busy one only those it may poll; a full listing all of them.
  const facts =
    refreshedAll || result.mode === 'fallback'
      ? await directory.read(organization)
      : await directory.readSome(organization, [...named, ...[...pendingMembers].map(workspaceIdOfMember)]);
  for (const subscription of subscriptions) {
    if (refreshedAll) await dropLeavers(subscription, facts, deps);
    const started = previous.started.includes(subscription.id);
    // Fallback: every workspace of the scope every cycle (baselined at its first poll, like a workspace subscription).
    if (!started && result.mode === 'signal') continue;
    const members = new Set(await deps.orgStore.memberWorkspaceIds(subscription.id));
    const due = new Set<string>();
    for (const id of named) due.add(id);
    for (const id of members) if (pendingMembers.has(memberIdFor(subscription.id, id))) due.add(id);
    for (const workspaceId of due) {
      const workspace = facts.get(workspaceId);
      if (!workspace || !workspaceInScope(workspace, subscription.scope)) continue;
      // Rewriting an existing member's record keeps its name current (a renamed workspace); its state stays.
      const member = members.has(workspaceId)
        ? await deps.orgStore.addMember(subscription, workspace)
        : await joinScope(subscription, workspace, previous, result.mode, deps, log);
      if (!member) continue;
      const outcome = await pollSubscription(member, deps);
      result.polledMembers++;
      result.alerts += outcome.alerts;
      if (outcome.pending > 0) await redis.sadd(orgKeys.pendingMembers(organization), member.id);
      else if (pendingMembers.has(member.id))
        await redis.srem(orgKeys.pendingMembers(organization), member.id);
    }
    await notePollSuccess(
      healthSubject(subscription),
      { baseline: !started, dropped: 0, droppedRuns: [] },
      deps,
      log,
    );
  }
  await writeSignalState(redis, orgKeys, organization, next);
  if (result.polledMembers > 0 || result.discoveryRequests > 2)
    log.info({ ...result, job: organizationJobKey(organization) }, 'organization cycle');
  return result;
}

/** Member IDs end with the workspace ID (`…-ws-…`). */
function workspaceIdOfMember(memberId: string): string {
  const at = memberId.lastIndexOf('-ws-');
  return at < 0 ? memberId : memberId.slice(at + 1);
}

/** After a full directory listing: members whose workspace left the scope (or the organization) stop. */
async function dropLeavers(
  subscription: OrgSubscription,
  facts: ReadonlyMap<string, WorkspaceFacts>,
  deps: OrgPollDeps,
): Promise<void> {
  for (const workspaceId of await deps.orgStore.memberWorkspaceIds(subscription.id)) {
    const workspace = facts.get(workspaceId);
    if (!workspace || !workspaceInScope(workspace, subscription.scope))
      await deps.orgStore.removeMember(subscription, workspaceId);
  }
}
