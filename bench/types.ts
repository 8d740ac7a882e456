import type { RedisServerHandle } from '../test/support/redis-server.js';
import type { SlackStandin } from '../test/support/slack-standin/index.js';
import type { ChildRegistry } from './children.js';
import type { BenchSizes } from './sizes.js';

export type FigureId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j';

/** One line of the printed table. */
export interface FigureRow {
  figure: string;
  value: string;
  goal: string;
  /** null: informative, no goal. */
  met: boolean | null;
}

export interface FigureResult {
  id: FigureId;
  title: string;
  rows: FigureRow[];
  /** How it was measured (scaled time, direct calls, ...), printed under the table and kept in the JSON. */
  method: string[];
  data: Record<string, unknown>;
}

/** What every figure gets: the shared Redis and Slack stand-in, the process registry, sizes and a log. */
export interface BenchContext {
  readonly sizes: BenchSizes;
  readonly redis: RedisServerHandle;
  readonly standin: SlackStandin;
  readonly children: ChildRegistry;
  readonly signingSecret: string;
  readonly repoRoot: string;
  log(line: string): void;
  /** Throws when the run was interrupted. */
  checkAborted(): void;
}

/** A figure whose measurement is done but whose last check (waiting for late answers) may overlap others. */
export interface DeferredFigure {
  id: FigureId;
  finish(): Promise<FigureResult>;
}
