import { createHcpClient, type HcpClient, type HcpClientOptions } from '../../src/hcp/client.js';
import { iteratePages } from '../../src/hcp/jsonapi.js';
import { unpaced } from '../../src/hcp/pacing.js';
import type { Action, ListActionsOptions } from '../../src/hcp/types.js';
import type { HcpSimulator } from '../support/hcp-simulator/index.js';

/** A client of the simulator that never waits for real: no pacing, sleeps recorded instead of slept. */
export function simClient(
  sim: HcpSimulator,
  options: Partial<HcpClientOptions> = {},
): { client: HcpClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const client = createHcpClient({
    address: sim.address,
    token: sim.token,
    pacer: unpaced,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

/** The last request the simulator received, as `path?query`. */
export function lastUrl(sim: HcpSimulator): string {
  const last = sim.requests.at(-1);
  if (!last) throw new Error('the simulator received no request');
  return last.path + last.search;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Every action of a workspace through the generic page walker (pages of 100 unless options say otherwise). */
export function everyAction(
  client: HcpClient,
  workspaceId: string,
  options: ListActionsOptions = {},
): Promise<Action[]> {
  const pageSize = options.pageSize ?? 100;
  return collect(
    iteratePages((pageNumber) => client.listActions(workspaceId, { ...options, pageSize, pageNumber }), {
      firstPage: options.pageNumber ?? 1,
      request: `GET /workspaces/${workspaceId}/terraform-actions`,
    }),
  );
}
