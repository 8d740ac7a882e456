import type { ApiResponse } from '../../src/hcp/jsonapi.js';
import type { GetRequest, HcpGet } from '../../src/hcp/transport.js';

/**
 * An HcpGet that answers every request with the given bodies in turn and records what was asked, and the
 * reasons of the items it was told were skipped.
 */
export function fakeHttp(...bodies: unknown[]): HcpGet & { requests: GetRequest[]; skipped: string[] } {
  const requests: GetRequest[] = [];
  const skipped: string[] = [];
  return {
    requests,
    skipped,
    async get(request: GetRequest): Promise<ApiResponse> {
      requests.push(request);
      const body = bodies.length > 1 ? bodies.shift() : bodies[0];
      return {
        request: `GET ${request.path}`,
        body,
        serverTime: '2026-05-12T15:45:00Z',
        skipItem: (reason) => skipped.push(reason),
      };
    },
  };
}
