/** Reading a response body with a ceiling, so a runaway answer cannot exhaust the process's memory. */

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than ${limitBytes} bytes`);
  }
}

export async function readTextWithin(
  body: AsyncIterable<Uint8Array | string> | null,
  limitBytes: number,
): Promise<string> {
  if (body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.byteLength;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
