import { between } from './prng.js';
import type { FaultWorld, WorkspaceFixture } from './world.js';

/**
 * Keeps adding failed runs to random actions of a workspace at random intervals (now and then several at
 * once), remembering each alert key. Keep single failures below one a second on average: a channel is paced
 * at one message a second, so a faster stream only builds a queue the test then waits out.
 */
export class FailureGenerator {
  readonly expected: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly world: FaultWorld,
    private readonly channelId: string,
    private readonly fixture: WorkspaceFixture,
    private readonly random: () => number,
    private readonly intervalMs: { min: number; max: number },
    /** Share of steps that add several failures at once (more than a tick groups into one message). */
    private readonly burstShare = 0,
  ) {}

  start(): void {
    const next = () => {
      this.timer = setTimeout(
        () => {
          const count = this.random() < this.burstShare ? 4 + Math.floor(this.random() * 3) : 1;
          for (let made = 0; made < count; made++) this.failOnce();
          next();
        },
        between(this.random, this.intervalMs.min, this.intervalMs.max),
      );
    };
    next();
  }

  failOnce(): string {
    const { actions, workspace } = this.fixture;
    const action = actions[Math.floor(this.random() * actions.length)] ?? actions[0];
    if (!action) throw new Error('the workspace has no action');
    const key = this.world.fail(this.channelId, workspace.id, action);
    this.expected.push(key);
    return key;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
