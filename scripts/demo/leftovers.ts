import type { Narrator } from './output.js';
import type { SlackUser } from './slack-user.js';

const COMMAND_TIMEOUT_MS = 15_000;

/**
 * On a shared Redis, subscriptions of an earlier run would make the worker poll workspaces this run's
 * simulator lacks (and post "cannot watch" messages): remove them, as a user would, before it starts.
 */
export async function removeLeftoverSubscriptions(user: SlackUser, narrator: Narrator): Promise<void> {
  const listed = await user.command('subscriptions', COMMAND_TIMEOUT_MS);
  const ids = new Set(JSON.stringify(listed?.blocks ?? []).match(/ws-[A-Za-z0-9]+/g) ?? []);
  for (const id of ids) {
    narrator.info(`removing a subscription left by an earlier demo run: ${id}`);
    await user.command(`unsubscribe ${id}`, COMMAND_TIMEOUT_MS);
  }
}
