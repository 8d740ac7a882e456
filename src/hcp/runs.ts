/**
 * A run's plan and apply and their log URLs: GET /runs/:id (relationships plan and apply), then the documented
 * GET /plans/:id and GET /applies/:id, whose `log-read-url` attribute is the pre-signed log location.
 */

import { MalformedResponseError } from './errors.js';
import { attributesOf } from './fields.js';
import { idPathSegment, quotedForMessage } from './ids.js';
import { readSingleDocument, relatedId } from './jsonapi.js';
import { isStageId, type RunLogApi, type RunStages, type StageKind, type StageLog } from './run-stages.js';
import { type HcpGet, HcpTransport, type TransportOptions } from './transport.js';

const STAGE_PATHS: Record<StageKind, { collection: string; route: string }> = {
  plan: { collection: 'plans', route: '/plans/:plan_id' },
  apply: { collection: 'applies', route: '/applies/:apply_id' },
};

export async function getRunStages(http: HcpGet, runId: string): Promise<RunStages> {
  const run = idPathSegment('run', runId);
  const response = await http.get({ path: `/runs/${run}`, route: '/runs/:run_id', what: `run ${runId}` });
  const resource = readSingleDocument(response).data;
  const status = attributesOf(resource, response.request).nullableString('status');
  return {
    runId,
    status,
    planId: stageIdOf('plan', relatedId(resource, 'plan'), response.request),
    applyId: stageIdOf('apply', relatedId(resource, 'apply'), response.request),
  };
}

export async function getStageLog(http: HcpGet, kind: StageKind, id: string): Promise<StageLog> {
  if (!isStageId(kind, id)) throw new TypeError(`${quotedForMessage(id)} is not a valid ${kind} ID`);
  const { collection, route } = STAGE_PATHS[kind];
  const response = await http.get({
    path: `/${collection}/${encodeURIComponent(id)}`,
    route,
    what: `${kind} ${id}`,
  });
  const resource = readSingleDocument(response).data;
  const attributes = attributesOf(resource, response.request);
  const logReadUrl = attributes.nullableString('log-read-url');
  return {
    kind,
    id,
    status: attributes.nullableString('status'),
    logReadUrl: logReadUrl !== null && isHttpUrl(logReadUrl) ? logReadUrl : null,
  };
}

/** The run-log reads over their own transport (same options, same shared pacer as the HcpClient). */
export function createRunLogApi(options: TransportOptions): RunLogApi {
  const http = new HcpTransport(options);
  return {
    getRunStages: (runId) => getRunStages(http, runId),
    getStageLog: (kind, id) => getStageLog(http, kind, id),
  };
}

function stageIdOf(kind: StageKind, id: string | null, request: string): string | null {
  if (id === null) return null;
  if (!isStageId(kind, id))
    throw new MalformedResponseError(
      request,
      `the ${kind} relationship holds ${quotedForMessage(id)}, not a ${kind} ID`,
    );
  return id;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
