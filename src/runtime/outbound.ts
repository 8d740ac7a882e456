/**
 * Slack's side of a process's outbound requests (Web API calls, response_url posts, Socket Mode) goes
 * through one undici dispatcher that honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY (and their lowercase
 * forms), loopback included unless NO_PROXY lists it. It stays on undici while HCP Terraform uses node-fetch
 * (src/hcp/http-stack.ts) because @slack/web-api 8 is fetch-based and Socket Mode takes an undici dispatcher.
 * TLS trust comes from Node's store, which NODE_EXTRA_CA_CERTS extends at start-up.
 */
import type { FetchFunction } from '@slack/web-api';
import { type Dispatcher, EnvHttpProxyAgent, fetch } from 'undici';

let shared: Dispatcher | undefined;

/** Created on first use, so the proxy variables are read after the process has its environment. */
export function slackDispatcher(): Dispatcher {
  // Plain http:// targets go as absolute-URI requests (as curl does); many proxies allow CONNECT only to 443.
  shared ??= new EnvHttpProxyAgent({ proxyTunnel: false });
  return shared;
}

type SlackInit = NonNullable<Parameters<FetchFunction>[1]>;

/** The Web API's `fetch` option and respond()'s poster. */
export async function slackFetch(url: string | URL, init: SlackInit = {}) {
  return fetch(url, { ...(await withPortableBody(init)), dispatcher: slackDispatcher() });
}

/**
 * Node's global FormData (file uploads of the Web API) is another undici's class than this fetch's: encode it
 * to bytes with its own boundary first.
 */
async function withPortableBody(init: SlackInit) {
  const { body } = init;
  if (body === undefined || typeof body === 'string') return { ...init, body };
  const encoded = new Response(body);
  return {
    ...init,
    headers: {
      ...init.headers,
      'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data',
    },
    body: new Uint8Array(await encoded.arrayBuffer()),
  };
}
