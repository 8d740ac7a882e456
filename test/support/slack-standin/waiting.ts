const POLL_MS = 10;

/** Polls a predicate until it holds; rejects with a description of what was awaited after timeoutMs. */
export async function pollUntil(
  predicate: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() >= deadline)
      throw new Error(`Slack stand-in: timed out after ${timeoutMs} ms ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
