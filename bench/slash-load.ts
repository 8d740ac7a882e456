/** Bursts of signed slash commands, and what the bench's own client costs when sending them. */
import { freePort } from '../test/support/redis-server.js';
import { slashCommandBody } from '../test/support/slack-signer.js';
import { type PostTiming, SignedPoster } from './signed-post.js';
import { percentile } from './stats.js';
import type { BenchContext } from './types.js';

/** Concurrent `help` rounds before measuring: open the kept-alive connections and warm both processes up. */
export const WARM_UP_ROUNDS = 2;

export interface Sent {
  responseUrl: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

/** The same client and load against a bare node:http server: what the measuring itself costs. */
export async function measureClientFloor(context: BenchContext): Promise<number[]> {
  const { sizes } = context;
  const port = await freePort();
  const bare = await context.children.start({
    name: 'bare-server',
    entry: 'bench/bare-server.ts',
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    port,
  });
  const poster = new SignedPoster(new URL(`http://127.0.0.1:${port}/slack/events`), context.signingSecret);
  try {
    for (let round = 0; round < WARM_UP_ROUNDS; round++)
      await sendConcurrently(context, poster, 'help', sizes.ackCommands, 'CBWARM', false);
    const p99s: number[] = [];
    for (let rep = 0; rep < sizes.reps; rep++) {
      const sent = await sendConcurrently(context, poster, 'help', sizes.ackCommands, 'CBWARM', false);
      p99s.push(percentile(ackTimes(sent), 99));
    }
    return p99s;
  } finally {
    poster.close();
    await bare.stop();
  }
}

export function ackTimes(rep: readonly Sent[]): number[] {
  return rep.map((sent) => sent.ackMs);
}

export async function sendConcurrently(
  context: BenchContext,
  poster: SignedPoster,
  text: string,
  count: number,
  channel: string,
  withResponseUrl = true,
): Promise<Sent[]> {
  const prepared = Array.from({ length: count }, () => {
    const responseUrl = withResponseUrl
      ? context.standin.newResponseUrl({ channelId: channel })
      : 'http://127.0.0.1:9/response/none';
    const body = slashCommandBody({ text, response_url: responseUrl, channel_id: channel });
    return { responseUrl, send: poster.prepare(body) };
  });
  return Promise.all(
    prepared.map(async ({ responseUrl, send }) => {
      const sentAt = Date.now();
      const timing: PostTiming = await send();
      return { responseUrl, sentAt, ackMs: timing.ms, status: timing.status };
    }),
  );
}
