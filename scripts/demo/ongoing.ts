import type { HcpSimulator, SimAction } from '../../test/support/hcp-simulator/index.js';
import type { Narrator } from './output.js';
import { sleep } from './timing.js';
import { type DemoWorld, type Happening, invokeOnce } from './world.js';

const EVERY_MS = 20_000;
const PEOPLE = ['maria.dev', 'sam.ops', 'priya.net'] as const;

/**
 * After the scripted steps, keeps the page alive: every 20 s the action that failed last time succeeds
 * (a recovery) and another, picked at random, fails (an alert), each followed by its webhook. Stops when the
 * signal aborts.
 */
export async function runOngoingScenario(
  sim: HcpSimulator,
  world: DemoWorld,
  narrator: Narrator,
  signal: AbortSignal,
  /** The webhook HCP Terraform sends for a run: after step 8 the worker polls only every 300 s. */
  ring: (happening: Happening) => Promise<unknown>,
): Promise<void> {
  const actions: SimAction[] = [world.notify, world.drain, world.configureRouters, world.purgeCdn];
  let lastFailed: SimAction | undefined;
  let round = 0;
  while (!signal.aborted) {
    await sleep(EVERY_MS, signal);
    if (signal.aborted) return;
    round += 1;
    const person = PEOPLE[round % PEOPLE.length] ?? 'maria.dev';
    if (lastFailed) {
      await ring(invokeOnce(sim, world, lastFailed, 'successful', person));
      narrator.info(`${lastFailed.address} succeeds again: expect a "recovered" reply in its alert's thread`);
    }
    const candidates = actions.filter((action) => action !== lastFailed);
    const next = candidates[Math.floor(Math.random() * candidates.length)] ?? world.notify;
    await ring(invokeOnce(sim, world, next, 'failed', person));
    narrator.info(`${next.address} fails (invoked by ${person}): expect an alert`);
    lastFailed = next;
  }
}
