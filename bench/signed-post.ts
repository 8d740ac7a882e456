import { Agent, request } from 'node:http';
import { signSlackRequest } from '../test/support/slack-signer.js';

export interface PostTiming {
  status: number;
  /** From handing the request to the socket until the response headers arrived. */
  ms: number;
}

/**
 * Signed POSTs over kept-alive connections with node:http: the lightest client Node has, so the bench's own
 * overhead stays small next to the ack time it measures (node-fetch added tens of ms at 100 concurrent).
 */
export class SignedPoster {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

  constructor(
    private readonly url: URL,
    private readonly signingSecret: string,
  ) {}

  /** Signs first, then sends: the HMAC is not part of the measured time. */
  prepare(body: string): () => Promise<PostTiming> {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      ...signSlackRequest(this.signingSecret, body),
    };
    return () =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const outgoing = request(
          {
            host: this.url.hostname,
            port: this.url.port,
            path: this.url.pathname,
            method: 'POST',
            headers,
            agent: this.agent,
          },
          (response) => {
            const ms = performance.now() - started;
            response.resume();
            response.on('end', () => resolve({ status: response.statusCode ?? 0, ms }));
            response.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      });
  }

  close(): void {
    this.agent.destroy();
  }
}
