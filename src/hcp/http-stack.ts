/**
 * node-fetch 3 is the one HTTP stack for HCP Terraform: API calls and run-log reads, in the processes, the
 * doctor, the tests, the bench and the demo. Proxies come from proxy-agent's ProxyAgent, which asks
 * proxy-from-env at every request: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (lowercase first, then
 * uppercase). https:// goes through a CONNECT tunnel, http:// as absolute-URI requests, and loopback is
 * proxied like any host unless NO_PROXY lists it. TLS trust is Node's store, which NODE_EXTRA_CA_CERTS
 * extends at start-up.
 */

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import fetch from 'node-fetch';
import { ProxyAgent } from 'proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

/** The part of a fetch answer the transport and the log reader use; node-fetch's Response fits. */
export interface FetchAnswer {
  status: number;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array | string> | null;
}

/** What the transport and the log reader call; tests inject one bound to another agent. */
export type FetchImpl = (
  url: string,
  init: {
    method: 'GET';
    headers: Record<string, string>;
    signal: AbortSignal;
    redirect: 'manual' | 'follow';
  },
) => Promise<FetchAnswer>;

let shared: ProxyAgent | undefined;

/**
 * One proxy agent per process, made at first use, without keep-alive: its pool would hand a kept socket to
 * the next request without choosing again, so a second plain-HTTP request through a proxy would go with a
 * relative path, which the proxy refuses (test/hcp/http-stack.test.ts makes several calls in a row).
 */
export function hcpAgent(): ProxyAgent {
  shared ??= new ProxyAgent();
  return shared;
}

let direct: { http: HttpAgent; https: HttpsAgent } | undefined;

/**
 * Requests that no proxy variable covers keep their connections: talking to HCP Terraform directly does not
 * pay a TLS handshake per request. proxy-from-env is what ProxyAgent itself asks, so both agree.
 */
function agentFor(url: string): HttpAgent | ProxyAgent {
  if (getProxyForUrl(url) !== '') return hcpAgent();
  direct ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return url.startsWith('https:') ? direct.https : direct.http;
}

export const hcpFetch: FetchImpl = (url, init) => fetch(url, { ...init, agent: agentFor(url) });
