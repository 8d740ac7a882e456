import { createHash } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';

/** A Lua script run by SHA, loaded again transparently when Redis lost its script cache (restart, failover). */
export class LuaScript {
  private readonly sha: string;

  constructor(
    private readonly source: string,
    private readonly numberOfKeys: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    this.check(keys);
    try {
      return await redis.evalsha(this.sha, this.numberOfKeys, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.includes('NOSCRIPT'))
        return redis.eval(this.source, this.numberOfKeys, ...keys, ...args);
      throw error;
    }
  }

  /** Queues the script on a pipeline (sent as source: a pipeline cannot recover from NOSCRIPT). */
  queue(pipeline: ChainableCommander, keys: readonly string[], args: readonly (string | number)[]): void {
    this.check(keys);
    pipeline.eval(this.source, this.numberOfKeys, ...keys, ...args);
  }

  private check(keys: readonly string[]): void {
    if (keys.length !== this.numberOfKeys)
      throw new Error(`script expects ${this.numberOfKeys} keys, got ${keys.length}`);
  }
}

/** Runs a pipeline or MULTI and returns each command's result, throwing the first command error. */
export async function execAll(commands: ChainableCommander): Promise<unknown[]> {
  const results = await commands.exec();
  if (results === null) throw new Error('Redis transaction was aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** DEL the key only when it still holds this token (locks and claims: never release someone else's). */
export const compareAndDelete = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);
