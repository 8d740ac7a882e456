/**
 * Runs, plans and applies as real resources (GET /runs/:id, /plans/:id, /applies/:id behind the token), and
 * their logs behind short-lived pre-signed URLs served WITHOUT auth, the way HCP Terraform's log service does.
 */

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../api-error.js';
import type { SimClock } from '../clock.js';
import { type Handler, ok, param } from '../handlers/context.js';
import { generateId } from '../ids.js';
import type { RouteMatch } from '../router.js';
import { logStream } from './log-body.js';
import type { LogContent, LogMode, LogRead, RunWithLogs, RunWithLogsInput, StageInput } from './types.js';

const LOG_PATH_PREFIX = '/_archivist/v1/object/';
const DEFAULT_URL_LIFETIME_SECONDS = 60;

interface SimStage {
  readonly id: string;
  readonly kind: 'plan' | 'apply';
  status: string;
  log: LogContent;
  mode: LogMode;
  urlLifetimeSeconds: number;
}

interface SimRunWithLogs {
  readonly id: string;
  status: string;
  readonly planId: string;
  readonly applyId: string | null;
}

interface SignedUrl {
  readonly stageId: string;
  readonly expiresMs: number;
}

export class SimRunLogs {
  private readonly runs = new Map<string, SimRunWithLogs>();
  private readonly stages = new Map<string, SimStage>();
  private readonly signatures = new Map<string, SignedUrl>();
  /** Every read of a log URL, in arrival order. */
  readonly reads: LogRead[] = [];

  constructor(
    private readonly clock: SimClock,
    private readonly origin: () => string,
  ) {}

  addRun(input: RunWithLogsInput): RunWithLogs {
    const runId = input.id ?? generateId('run');
    const plan = this.addStage('plan', input.plan);
    const apply = input.apply === undefined ? null : this.addStage('apply', input.apply);
    this.runs.set(runId, {
      id: runId,
      status: input.status ?? (apply === null ? 'errored' : 'applied'),
      planId: plan.id,
      applyId: apply?.id ?? null,
    });
    return { runId, planId: plan.id, applyId: apply?.id ?? null };
  }

  setMode(stageId: string, mode: LogMode): void {
    const stage = this.stages.get(stageId);
    if (!stage) throw new Error(`setMode: unknown plan or apply ${stageId}`);
    stage.mode = mode;
  }

  clearReads(): void {
    this.reads.length = 0;
  }

  /** The API routes of runs, plans and applies (after /api/v2), or undefined. */
  matchRoute(method: string, pathname: string): RouteMatch | undefined {
    if (method !== 'GET') return undefined;
    const match = /^\/api\/v2\/(runs|plans|applies)\/([^/]+)$/.exec(pathname);
    if (!match) return undefined;
    const id = decodeURIComponent(match[2] ?? '');
    const handler =
      match[1] === 'runs' ? this.showRun : this.showStage(match[1] === 'plans' ? 'plan' : 'apply');
    return { handler, params: { id } };
  }

  isLogPath(pathname: string): boolean {
    return pathname.startsWith(LOG_PATH_PREFIX);
  }

  /** Serves one log read; resolves with the status sent once the response is over. */
  async serveLog(request: IncomingMessage, url: URL, response: ServerResponse): Promise<number> {
    const signed = this.signatures.get(url.searchParams.get('signature') ?? '');
    const stage =
      signed && url.pathname === `${LOG_PATH_PREFIX}${signed.stageId}`
        ? this.stages.get(signed.stageId)
        : undefined;
    const read: LogRead = {
      stageId: stage?.id ?? '',
      status: 0,
      hadAuthorization: request.headers.authorization !== undefined,
      bytesSent: 0,
      finished: false,
    };
    this.reads.push(read);
    const refusal = this.refusal(stage, signed);
    if (refusal !== null || stage === undefined) {
      const answer = refusal ?? {
        status: 404,
        body: objectStoreError('NoSuchKey', 'The specified key does not exist.'),
      };
      read.status = answer.status;
      response.writeHead(answer.status, { 'Content-Type': 'application/xml' });
      response.end(answer.body);
      return answer.status;
    }
    read.status = 200;
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    const body = logStream(stage.log);
    body.on('data', (chunk: Buffer) => {
      read.bytesSent += chunk.length;
    });
    try {
      await pipeline(body, response);
      read.finished = true;
    } catch {
      // The client stopped reading: that is what a bounded reader does.
    }
    return 200;
  }

  private refusal(
    stage: SimStage | undefined,
    signed: SignedUrl | undefined,
  ): { status: number; body: string } | null {
    if (stage === undefined || signed === undefined) return null;
    if (stage.mode === 'forbidden')
      return { status: 403, body: objectStoreError('AccessDenied', 'Access Denied') };
    if (stage.mode === 'missing')
      return { status: 404, body: objectStoreError('NoSuchKey', 'The specified key does not exist.') };
    if (this.clock.nowMs() > signed.expiresMs)
      return { status: 403, body: objectStoreError('AccessDenied', 'Request has expired') };
    return null;
  }

  private addStage(kind: 'plan' | 'apply', input: StageInput): SimStage {
    const id = `${kind}-${generateId('run').slice('run-'.length)}`;
    const stage: SimStage = {
      id,
      kind,
      status: input.status ?? (kind === 'apply' ? 'errored' : 'finished'),
      log: input.log,
      mode: input.mode ?? 'ok',
      urlLifetimeSeconds: input.urlLifetimeSeconds ?? DEFAULT_URL_LIFETIME_SECONDS,
    };
    this.stages.set(id, stage);
    return stage;
  }

  private readonly showRun: Handler = (context) => {
    const run = this.runs.get(param(context, 'id'));
    if (!run) throw notFound();
    return ok({
      data: {
        id: run.id,
        type: 'runs',
        attributes: { status: run.status, 'has-changes': true, source: 'tfe-api' },
        relationships: {
          plan: { data: { id: run.planId, type: 'plans' } },
          apply: { data: run.applyId === null ? null : { id: run.applyId, type: 'applies' } },
        },
      },
    });
  };

  private showStage(kind: 'plan' | 'apply'): Handler {
    return (context) => {
      const stage = this.stages.get(param(context, 'id'));
      if (!stage || stage.kind !== kind) throw notFound();
      return ok({
        data: {
          id: stage.id,
          type: kind === 'plan' ? 'plans' : 'applies',
          attributes: { status: stage.status, 'log-read-url': this.signUrl(stage) },
        },
      });
    };
  }

  /** A fresh pre-signed URL per show, as HCP Terraform hands out; mode 'expired' hands out stale ones. */
  private signUrl(stage: SimStage): string {
    const signature = randomBytes(16).toString('hex');
    const lifetimeMs = stage.mode === 'expired' ? -1000 : stage.urlLifetimeSeconds * 1000;
    const expiresMs = this.clock.nowMs() + lifetimeMs;
    this.signatures.set(signature, { stageId: stage.id, expiresMs });
    return `${this.origin()}${LOG_PATH_PREFIX}${stage.id}?expires=${Math.floor(expiresMs / 1000)}&signature=${signature}`;
  }
}

function objectStoreError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
