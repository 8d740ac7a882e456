import { Writable } from 'node:stream';

/** A log destination that keeps every line, so tests can read what the process logged. */
export class MemoryLog extends Writable {
  readonly lines: string[] = [];

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.lines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line !== ''),
    );
    callback();
  }

  text(): string {
    return this.lines.join('\n');
  }
}
