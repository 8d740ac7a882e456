import type { IncomingMessage } from 'node:http';

export type BodyReading =
  | { kind: 'body'; body: Buffer }
  /** The body is over the limit: reading stopped there (or never started, when Content-Length said so). */
  | { kind: 'too-large' }
  /** The client went away or the stream failed before the end. */
  | { kind: 'broken' };

/** Reads a request body of at most `maxBytes`, never holding more than that in memory. */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<BodyReading> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (reading: BodyReading) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onBroken);
      req.off('aborted', onBroken);
      req.off('close', onClose);
      resolve(reading);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        chunks.length = 0;
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'body', body: Buffer.concat(chunks, size) });
    const onBroken = () => finish({ kind: 'broken' });
    const onClose = () => {
      if (!req.complete) onBroken();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onBroken);
    req.on('aborted', onBroken);
    req.on('close', onClose);
  });
}
