import { createHash } from 'node:crypto';
import type { Action, RunSummary, Workspace } from '../hcp/types.js';
import type { PollErrorClass } from './health.js';
import { type AlertRef, alertKey, jobIds } from './keys.js';

/** An alert needs more new failures than this in one tick before they are grouped into one message. */
export const BURST_THRESHOLD = 3;

export type AlertAction = Pick<Action, 'id' | 'address' | 'provider' | 'moduleAddress'>;

/** The facts of one alert, carried in the job (never a token). */
export interface AlertItem {
  summary: RunSummary;
  action: AlertAction;
}

export type PostJobData =
  | { kind: 'alert'; channelId: string; workspace: Workspace; item: AlertItem }
  | { kind: 'burst'; channelId: string; workspace: Workspace; items: AlertItem[] }
  /** errors:auto: the failing action's error text, as the first reply in the thread of a recorded alert. */
  | { kind: 'error-text'; channelId: string; workspace: Workspace; item: AlertItem }
  | {
      kind: 'recovery';
      channelId: string;
      actionId: string;
      /** The run of the alert being closed. */
      alertRunId: string;
      recoveredRunId: string;
      recoveredAt: string;
    }
  /** Queued by earlier versions (a 404 told at once); still delivered, no longer made (see 'health'). */
  | { kind: 'problem'; channelId: string; subscriptionId: string; workspaceLabel: string; problem: string }
  | ({ kind: 'health'; channelId: string; subscriptionId: string; workspaceLabel: string } & HealthNotice);

/** The channel is told once when a subscription's alerts stop working, and once when they resume. */
export type HealthNotice =
  | { state: 'failing'; errorClass: PollErrorClass; since: string }
  | {
      state: 'resumed';
      since: string | null;
      /** Runs dropped from the pending set meanwhile: their failures, if any, are not posted. */
      dropped: number;
      /** The first few dropped runs, by ID. */
      droppedRuns: string[];
      /** The outage began before the first good poll: the watch starts now, earlier failures are not posted. */
      baselineOnly: boolean;
    };

export interface PostJobSpec {
  jobId: string;
  data: PostJobData;
}

export function refOf(channelId: string, item: AlertItem): AlertRef {
  return { channelId, actionId: item.summary.actionId, runId: item.summary.runId };
}

/**
 * One job per alert, or, when a tick brings more than BURST_THRESHOLD, grouped jobs of up to maxBurstItems.
 * Job IDs are derived from the alerts, so enqueuing the same plan twice (another worker, a retried tick)
 * adds nothing.
 */
export function planAlertJobs(
  channelId: string,
  workspace: Workspace,
  items: readonly AlertItem[],
  maxBurstItems: number,
): PostJobSpec[] {
  const ordered = [...items].sort(
    (a, b) =>
      (a.summary.invokedAt ?? '').localeCompare(b.summary.invokedAt ?? '') ||
      alertKey(refOf(channelId, a)).localeCompare(alertKey(refOf(channelId, b))),
  );
  if (ordered.length <= BURST_THRESHOLD) {
    return ordered.map((item) => ({
      jobId: jobIds.alert(refOf(channelId, item)),
      data: { kind: 'alert', channelId, workspace, item },
    }));
  }
  const size = Math.max(1, maxBurstItems);
  const jobs: PostJobSpec[] = [];
  for (let start = 0; start < ordered.length; start += size) {
    const chunk = ordered.slice(start, start + size);
    const digest = createHash('sha1')
      .update(chunk.map((item) => alertKey(refOf(channelId, item))).join('\n'))
      .digest('hex')
      .slice(0, 20);
    jobs.push({
      jobId: jobIds.burst(channelId, digest),
      data: { kind: 'burst', channelId, workspace, items: chunk },
    });
  }
  return jobs;
}

export function errorTextJob(channelId: string, workspace: Workspace, item: AlertItem): PostJobSpec {
  return {
    jobId: jobIds.errorText(refOf(channelId, item)),
    data: { kind: 'error-text', channelId, workspace, item },
  };
}

export function recoveryJob(
  channelId: string,
  actionId: string,
  alertRunId: string,
  recovered: RunSummary,
): PostJobSpec {
  return {
    jobId: jobIds.recovery({ channelId, actionId, runId: alertRunId }),
    data: {
      kind: 'recovery',
      channelId,
      actionId,
      alertRunId,
      recoveredRunId: recovered.runId,
      // findRecoveries only picks runs with a readable invoked-at.
      recoveredAt: recovered.invokedAt ?? '',
    },
  };
}

export function healthJob(
  channelId: string,
  subscriptionId: string,
  workspaceLabel: string,
  notice: HealthNotice,
  at: number,
): PostJobSpec {
  return {
    jobId: jobIds.health(subscriptionId, notice.state, at),
    data: { kind: 'health', channelId, subscriptionId, workspaceLabel, ...notice },
  };
}

/** Where the poller hands its jobs; the queue in production, a recorder in tests. */
export interface PostJobSink {
  enqueue(jobs: readonly PostJobSpec[]): Promise<void>;
}
