import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';

type ScriptCall = (...keysAndArgs: (string | number)[]) => Promise<unknown>;
type QueuedScriptCall = (...keysAndArgs: (string | number)[]) => ChainableCommander;

/**
 * A Lua script from src/alerts/lua, registered on a connection with ioredis `defineCommand`: ioredis runs it
 * by SHA and loads it again when Redis lost its script cache (restart, failover), in pipelines too. The build
 * copies the .lua files next to the compiled code (scripts/copy-lua.mjs).
 */
export class RedisScript {
  private readonly command: string;
  private readonly lua: string;

  constructor(
    readonly name: string,
    private readonly numberOfKeys: number,
  ) {
    this.command = `tfa_${name.replaceAll('-', '_')}`;
    this.lua = readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
  }

  /** Registers the script on the connection; pipelines made afterwards can queue it. */
  defineOn(redis: Redis): void {
    if (typeof (redis as unknown as Record<string, unknown>)[this.command] === 'function') return;
    redis.defineCommand(this.command, { numberOfKeys: this.numberOfKeys, lua: this.lua });
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    this.check(keys);
    this.defineOn(redis);
    const call = (redis as unknown as Record<string, ScriptCall>)[this.command] as ScriptCall;
    return call.call(redis, ...keys, ...args);
  }

  /** Queues the script on a pipeline of a connection it was defined on (defineScripts). */
  queue(pipeline: ChainableCommander, keys: readonly string[], args: readonly (string | number)[]): void {
    this.check(keys);
    const call = (pipeline as unknown as Record<string, QueuedScriptCall | undefined>)[this.command];
    if (typeof call !== 'function')
      throw new Error(`script ${this.name} was not defined on this connection before the pipeline was made`);
    call.call(pipeline, ...keys, ...args);
  }

  private check(keys: readonly string[]): void {
    if (keys.length !== this.numberOfKeys)
      throw new Error(`script ${this.name} expects ${this.numberOfKeys} keys, got ${keys.length}`);
  }
}

/** Registers scripts on a connection, so the pipelines made from it can queue them. */
export function defineScripts(redis: Redis, ...scripts: readonly RedisScript[]): void {
  for (const script of scripts) script.defineOn(redis);
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
export const compareAndDelete = new RedisScript('compare-and-delete', 1);
