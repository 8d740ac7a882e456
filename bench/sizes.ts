/** How big each figure is: the full run quotes the goals' sizes, --quick shrinks them to finish in 2 minutes. */
export interface BenchSizes {
  quick: boolean;
  /** Repetitions of every figure (medians and spreads are taken over these). */
  reps: number;
  /** a. concurrent slash commands per repetition, and HCP latency. */
  ackCommands: number;
  ackHcpLatencyMs: number;
  /** b. workspaces, actions per workspace, actions moved between ticks, measured ticks. */
  pollWorkspaces: number;
  pollActionsPerWorkspace: number;
  pollMovedPerTick: number;
  pollTicks: number;
  /** c. idle workspaces cycled through, and the measured seconds per repetition. */
  capacityWorkspaces: number;
  capacitySeconds: number;
  /** d. failures per repetition, spread over this many channels (one workspace each). */
  alertFailures: number;
  alertChannels: number;
  alertSpacingMs: number;
  /** e. subscriptions and ticks at POLL_INTERVAL_SECONDS=1. */
  memorySubscriptions: number;
  memoryTicks: number;
  /** f. failing actions in one run for one channel. */
  burstFailures: number;
}

export function sizesFor(quick: boolean): BenchSizes {
  const common = {
    reps: 3,
    ackHcpLatencyMs: 10_000,
    pollActionsPerWorkspace: 4,
    pollMovedPerTick: 10,
    pollTicks: 5,
    alertChannels: 10,
    alertSpacingMs: 200,
    memoryTicks: 20,
  };
  return quick
    ? {
        ...common,
        quick,
        ackCommands: 20,
        pollWorkspaces: 100,
        capacityWorkspaces: 300,
        capacitySeconds: 5,
        alertFailures: 20,
        memorySubscriptions: 200,
        burstFailures: 50,
      }
    : {
        ...common,
        quick,
        ackCommands: 100,
        pollWorkspaces: 500,
        capacityWorkspaces: 1200,
        capacitySeconds: 12,
        alertFailures: 50,
        memorySubscriptions: 1000,
        burstFailures: 200,
      };
}
