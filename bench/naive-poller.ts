import type { HcpApi } from '../src/hcp/api.js';

/**
 * The poller tfactions is compared with: every tick, every workspace's actions and every action's newest run
 * summaries, one request each, whatever changed. Failures not seen before are reported, as an alert would be.
 */
export class NaivePoller {
  private readonly seen = new Set<string>();

  constructor(private readonly hcp: HcpApi) {}

  /** Returns `<action>:<run>` of failures new since the previous tick (the first tick only remembers). */
  async tick(workspaceIds: readonly string[], concurrency: number, first = false): Promise<string[]> {
    const found: string[] = [];
    let next = 0;
    const lane = async () => {
      for (let index = next++; index < workspaceIds.length; index = next++) {
        const actions = await this.hcp.listActions(workspaceIds[index] as string, { pageSize: 100 });
        for (const action of actions.items) {
          const summaries = await this.hcp.listRunSummaries(action.id, { pageSize: 100 });
          for (const summary of summaries.items) {
            if (summary.aggregateInvocationStatus !== 'not_successful') continue;
            const key = `${summary.actionId}:${summary.runId}`;
            if (this.seen.has(key)) continue;
            this.seen.add(key);
            if (!first) found.push(key);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, workspaceIds.length) }, lane));
    return found;
  }
}
