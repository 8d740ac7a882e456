/** The bytes of a log, as a stream that is generated as it is read. */

import { Readable } from 'node:stream';
import type { LogContent, LogFormat } from './types.js';
import { applyProgressLine } from './ui-messages.js';

const STX = String.fromCharCode(0x02);
const ETX = String.fromCharCode(0x03);
const CHUNK_BYTES = 64 * 1024;

/** HCP Terraform's log service wraps the whole log in STX ... ETX. */
export function logStream(content: LogContent): Readable {
  if ('lines' in content) return Readable.from([Buffer.from(`${STX}${content.lines.join('\n')}\n${ETX}`)]);
  return Readable.from(generated(content.generated.bytes, content.generated.format, content.generated.tail));
}

function* generated(bytes: number, format: LogFormat, tail: readonly string[]): Generator<Buffer> {
  let sent = 0;
  let second = 0;
  let chunk = STX;
  while (sent + chunk.length < bytes) {
    second += 1;
    chunk += `${fillerLine(format, second)}\n`;
    if (chunk.length >= CHUNK_BYTES) {
      sent += chunk.length;
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(`${chunk}${tail.join('\n')}\n${ETX}`);
}

function fillerLine(format: LogFormat, second: number): string {
  const resource = `aws_instance.fleet[${second % 500}]`;
  return format === 'json'
    ? applyProgressLine(resource, second)
    : `${resource}: Still creating... [${second}s elapsed]`;
}
