import { formatInstant, httpDate, parseInstant } from './time.js';

/** Real time shifted by an offset the test controls, so timestamps and Date headers are predictable. */
export class SimClock {
  private offsetMs = 0;
  /** When set, time stands still at this instant except for setClock/advanceClock. */
  private frozenAtMs: number | null = null;

  nowMs(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs;
  }

  now(): string {
    return formatInstant(this.nowMs());
  }

  httpDate(): string {
    return httpDate(Math.floor(this.nowMs() / 1000) * 1000);
  }

  set(iso: string): void {
    const target = parseInstant(iso);
    if (target === null) throw new Error(`setClock: ${JSON.stringify(iso)} is not an ISO-8601 timestamp`);
    if (this.frozenAtMs !== null) this.frozenAtMs = target;
    this.offsetMs = target - Date.now();
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new Error(`advanceClock: ${seconds} is not a number of seconds`);
    if (this.frozenAtMs !== null) this.frozenAtMs += seconds * 1000;
    this.offsetMs += seconds * 1000;
  }

  freeze(frozen: boolean): void {
    if (frozen) this.frozenAtMs = this.nowMs();
    else if (this.frozenAtMs !== null) {
      this.offsetMs = this.frozenAtMs - Date.now();
      this.frozenAtMs = null;
    }
  }
}
