import type { FaultSpec } from './types.js';

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

/** Injected faults (consumed in injection order) and artificial latency, per method name. */
export class FaultBook {
  private armed: ArmedFault[] = [];
  private readonly methodLatency = new Map<string, number>();
  private defaultLatency = 0;

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error('injectFault: times must be positive (Infinity allowed)');
    if (spec.status !== undefined && (spec.status < 100 || spec.status > 599))
      throw new Error('injectFault: status must be an HTTP status code');
    this.armed.push({ spec, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  setLatency(ms: number, method?: string): void {
    const value = Math.max(0, ms);
    if (method === undefined) this.defaultLatency = value;
    else if (value === 0) this.methodLatency.delete(method);
    else this.methodLatency.set(method, value);
  }

  latencyFor(method: string): number {
    return this.methodLatency.get(method) ?? this.defaultLatency;
  }

  /** The first armed fault matching the method, counted as used. */
  take(method: string): FaultSpec | undefined {
    const fault = this.armed.find((candidate) => matches(candidate.spec.method, method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((candidate) => candidate !== fault);
    return fault.spec;
  }
}

function matches(pattern: string | RegExp, method: string): boolean {
  if (typeof pattern === 'string') return pattern === method;
  pattern.lastIndex = 0;
  return pattern.test(method);
}
