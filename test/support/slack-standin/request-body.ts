import type { IncomingMessage } from 'node:http';
import { asRecord, type JsonRecord } from './json.js';

/** Form-encoded Web API calls carry these as JSON strings; they are recorded and checked as values. */
const JSON_FIELDS = ['blocks', 'attachments', 'metadata'] as const;

export interface ApiRequest {
  token?: string;
  args: JsonRecord;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Arguments from the query string and the body (form or JSON), token taken out of them. */
export function parseApiRequest(
  rawBody: string,
  request: IncomingMessage,
  query: URLSearchParams,
): ApiRequest {
  const args: JsonRecord = Object.fromEntries(query.entries());
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/json')) Object.assign(args, parseJsonObject(rawBody));
  else if (rawBody !== '') Object.assign(args, Object.fromEntries(new URLSearchParams(rawBody).entries()));
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value === 'string') args[field] = parseJsonOrKeep(value);
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  const bodyToken = typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  const token = bearer ?? bodyToken;
  return token === undefined ? { args } : { token, args };
}

export function parseJsonObject(rawBody: string): JsonRecord {
  try {
    return asRecord(JSON.parse(rawBody)) ?? {};
  } catch {
    return {};
  }
}

function parseJsonOrKeep(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
