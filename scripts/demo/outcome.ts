import type { PostedMessage } from '../../test/support/slack-standin/index.js';
import type { AlertFinding, DemoOutcome } from './types.js';
import type { Happening } from './world.js';

export interface ExpectedAlert {
  /** e.g. `step 3`. */
  step: string;
  happening: Happening;
}

export interface Expectations {
  channelId: string;
  /** In the order they should be posted; the first is the one clicked and recovered. */
  alerts: readonly ExpectedAlert[];
  /** Failures from before the subscription: no message may mention their runs. */
  history: readonly Happening[];
  /** Whether the scenario clicked Invocations on the first alert. */
  drillDown: boolean;
  /** Text of the action's error (from the run's log) the drill-down reply must show. */
  drillDownError?: string;
  /** Whether the first alert's action succeeded again. */
  recovery: boolean;
}

const RECOVERED = /recovered/i;

/** Whether a message names a run (its text or any of its blocks). */
export function mentions(message: Pick<PostedMessage, 'text' | 'blocks'>, runId: string): boolean {
  return message.text.includes(runId) || JSON.stringify(message.blocks).includes(runId);
}

function describe(message: PostedMessage): string {
  const text = message.text.length > 100 ? `${message.text.slice(0, 97)}...` : message.text;
  return `${message.channel} ts ${message.ts}${message.threadTs ? ` (in thread ${message.threadTs})` : ''}: "${text}"`;
}

/**
 * Compares what reached the Slack stand-in with what the scenario made happen: every expected alert exactly
 * once in the channel, nothing about history, the drill-down and the recovery in the first alert's thread,
 * and no other message at all.
 */
export function checkOutcome(
  messages: readonly PostedMessage[],
  expected: Expectations,
  durationMs: number,
): DemoOutcome {
  const problems: string[] = [];
  const accounted = new Set<PostedMessage>();
  const topLevel = messages.filter((message) => message.threadTs === undefined);

  const alerts: AlertFinding[] = expected.alerts.map(({ step, happening }) => {
    const found = topLevel.filter(
      (message) => message.channel === expected.channelId && mentions(message, happening.runId),
    );
    for (const message of found) accounted.add(message);
    if (found.length === 0)
      problems.push(`${step}: no alert for ${happening.address} in ${happening.runId} was posted`);
    if (found.length > 1)
      problems.push(
        `${step}: the alert for ${happening.address} in ${happening.runId} was posted ${found.length} times`,
      );
    return { step, address: happening.address, runId: happening.runId, ts: found[0]?.ts ?? null };
  });

  for (const past of expected.history)
    for (const message of messages.filter((candidate) => mentions(candidate, past.runId)))
      problems.push(
        `history was posted: ${past.address} failed in ${past.runId} before the subscription, yet ${describe(message)}`,
      );

  const first = alerts[0];
  const firstAlert = first?.ts ? topLevel.find((message) => message.ts === first.ts) : undefined;
  const thread = firstAlert ? messages.filter((message) => message.threadTs === firstAlert.ts) : [];
  const recoveryReplies = thread.filter((message) => RECOVERED.test(message.text));
  const drillDowns = thread.filter((message) => !RECOVERED.test(message.text));
  for (const message of thread) accounted.add(message);

  let drillDownTs: string | null = null;
  if (expected.drillDown && firstAlert) {
    if (drillDowns.length === 0)
      problems.push("step 6: no Invocations drill-down reply in the first alert's thread");
    if (drillDowns.length > 1) problems.push(`step 6: ${drillDowns.length} drill-down replies for one click`);
    const reply = drillDowns[0];
    if (reply?.replyBroadcast) problems.push('step 6: the drill-down reply was broadcast to the channel');
    if (reply && expected.drillDownError !== undefined && !mentions(reply, expected.drillDownError))
      problems.push("step 6: the drill-down reply does not show the action's error from the run's log");
    drillDownTs = reply?.ts ?? null;
  }

  let recoveryReplyTs: string | null = null;
  if (expected.recovery && firstAlert) {
    if (recoveryReplies.length === 0)
      problems.push('step 7: no "recovered" reply in the first alert\'s thread');
    if (recoveryReplies.length > 1) problems.push(`step 7: ${recoveryReplies.length} "recovered" replies`);
    if (!firstAlert.edited || !RECOVERED.test(firstAlert.text))
      problems.push('step 7: the first alert was not updated to say it recovered');
    recoveryReplyTs = recoveryReplies[0]?.ts ?? null;
  }

  for (const message of messages)
    if (!accounted.has(message) && !expected.history.some((past) => mentions(message, past.runId)))
      problems.push(`unexpected message ${describe(message)}`);

  return { ok: problems.length === 0, problems, alerts, drillDownTs, recoveryReplyTs, durationMs };
}
