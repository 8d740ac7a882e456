import type { FaultSpec } from './types.js';

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

interface LatencyRule {
  readonly match: RegExp | undefined;
  readonly ms: number;
}

function matches(match: RegExp | undefined, pathname: string): boolean {
  // search() ignores lastIndex, so a /g regex behaves the same on every request.
  return match === undefined || pathname.search(match) >= 0;
}

/** Injected faults (consumed in the order they were added) and latency rules. */
export class FaultBook {
  private faults: ArmedFault[] = [];
  private latencies: LatencyRule[] = [];

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error(`injectFault: times must be positive, not ${times}`);
    this.faults.push({ spec, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault matching the path, consuming one of its uses. */
  take(pathname: string): FaultSpec | undefined {
    const armed = this.faults.find((fault) => matches(fault.spec.match, pathname));
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.faults = this.faults.filter((fault) => fault !== armed);
    return armed.spec;
  }

  /** A rule for the same pattern (or for all paths) replaces the previous one. */
  setLatency(ms: number, match?: RegExp): void {
    if (!(ms >= 0)) throw new Error(`setLatency: ${ms} is not a delay in ms`);
    const key = match?.toString();
    this.latencies = this.latencies.filter((rule) => rule.match?.toString() !== key);
    this.latencies.push({ match, ms });
  }

  clearLatency(): void {
    this.latencies = [];
  }

  /** The delay of the most recently set rule that matches. */
  latencyFor(pathname: string): number {
    for (let index = this.latencies.length - 1; index >= 0; index -= 1) {
      const rule = this.latencies[index];
      if (rule && matches(rule.match, pathname)) return rule.ms;
    }
    return 0;
  }
}

/** A fault that only delays lets the real handler answer afterwards. */
export function onlyDelays(fault: FaultSpec): boolean {
  return (
    fault.delayMs !== undefined &&
    fault.status === undefined &&
    fault.body === undefined &&
    fault.dropConnection !== true
  );
}
