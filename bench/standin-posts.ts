import type { RecordedCall, SlackStandin } from '../test/support/slack-standin/index.js';

/** Successful top-level chat.postMessage calls to one channel, as the stand-in recorded them (with `at`). */
export function postsTo(standin: SlackStandin, channel: string): RecordedCall[] {
  return standin.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' &&
      call.ok &&
      call.args.channel === channel &&
      call.args.thread_ts === undefined,
  );
}

/** The first post whose text or blocks mention `needle`. */
export function firstPostMentioning(
  posts: readonly RecordedCall[],
  needle: string,
): RecordedCall | undefined {
  return posts.find((call) => mentions(call, needle));
}

export function mentions(call: RecordedCall, needle: string): boolean {
  return JSON.stringify([call.args.text, call.args.blocks]).includes(needle);
}
