import type { PostJobSink, PostJobSpec } from '../src/alerts/jobs.js';

/** Stands in for the post queue when the bench drives the poller itself: keeps the alerts it was given. */
export class RecordingSink implements PostJobSink {
  readonly alerted: string[] = [];

  async enqueue(jobs: readonly PostJobSpec[]): Promise<void> {
    for (const job of jobs) {
      const data = job.data;
      const items = data.kind === 'alert' ? [data.item] : data.kind === 'burst' ? data.items : [];
      for (const item of items) this.alerted.push(`${item.summary.actionId}:${item.summary.runId}`);
    }
  }

  take(): string[] {
    return this.alerted.splice(0);
  }
}
