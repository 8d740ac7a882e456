import fetch, { type Headers } from 'node-fetch';
import type { HcpSimulator } from '../support/hcp-simulator/index.js';

/** A bare JSON:API client for the simulator's own tests (the real client lives in src/hcp). */

export interface JsonResource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { id: string; type: string } | null }>;
}

export interface PageLinks {
  self: string;
  first: string;
  prev: string | null;
  next: string | null;
  last: string;
}

export interface ListDocument {
  data: JsonResource[];
  links?: PageLinks;
  meta?: {
    pagination?: Record<string, number | null>;
    counts?: Record<string, { total: number }>;
  };
}

export interface SingleDocument {
  data: JsonResource;
}

export interface ErrorDocument {
  errors: { status: string | number; title: string; detail?: string; source?: { parameter: string } }[];
}

export interface SimResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Query string with brackets percent-encoded, as the seed's samples send them. */
export function query(params: Record<string, string | number>): string {
  const pairs = Object.entries(params).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
  );
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** GET an API path (relative to /api/v2) or an absolute URL, with the simulator's token unless overridden. */
export async function get<T>(
  sim: HcpSimulator,
  pathOrUrl: string,
  options: { token?: string | null } = {},
): Promise<SimResponse<T>> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.address}/api/v2${pathOrUrl}`;
  const token = options.token === undefined ? sim.token : options.token;
  const headers: Record<string, string> = { 'Content-Type': 'application/vnd.api+json' };
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parse(text) as T };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function getList(sim: HcpSimulator, path: string): Promise<SimResponse<ListDocument>> {
  return get<ListDocument>(sim, path);
}

export function getOne(sim: HcpSimulator, path: string): Promise<SimResponse<SingleDocument>> {
  return get<SingleDocument>(sim, path);
}

export function getError(sim: HcpSimulator, path: string): Promise<SimResponse<ErrorDocument>> {
  return get<ErrorDocument>(sim, path);
}

export function ids(document: ListDocument): string[] {
  return document.data.map((resource) => resource.id);
}

/** The invocations of a resource-group resource. */
export function groupInvocationIds(resource: JsonResource): string[] {
  const invocations = resource.attributes['invocations'] as { id: string }[];
  return invocations.map((invocation) => invocation.id);
}
