/**
 * One line of Terraform's machine-readable UI (`terraform apply -json`): a JSON object with `@level`,
 * `@message`, `@module`, `@timestamp` and `type`. Two kinds matter here:
 * - `diagnostic`: `diagnostic.{severity, summary, detail, address?, range?, snippet?}`;
 * - `action_errored` (Terraform 1.14, internal/command/views/json/hook.go): `hook.action.addr`, `hook.error`
 *   and, for lifecycle-triggered actions, `hook.lifecycle.resource.addr`.
 * Anything else, or a line that is not such an object, is not an event.
 */

import { isJsonObject, type JsonObject } from '../hcp/jsonapi.js';
import type { LogDiagnostic, Severity } from './types.js';

export type LogEvent =
  | { type: 'diagnostic'; diagnostic: LogDiagnostic }
  | {
      type: 'action_errored';
      actionAddress: string;
      triggeringResourceAddress: string | null;
      diagnostic: LogDiagnostic;
    };

/** null when the line is no machine-readable UI message at all (then it may be plain text). */
export function parseJsonLine(line: string): LogEvent | 'other' | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!isJsonObject(parsed) || typeof parsed['type'] !== 'string') return null;
  if (parsed['type'] === 'diagnostic') return diagnosticEvent(parsed) ?? 'other';
  if (parsed['type'] === 'action_errored') return actionErroredEvent(parsed) ?? 'other';
  return 'other';
}

function diagnosticEvent(message: JsonObject): LogEvent | null {
  const diagnostic = message['diagnostic'];
  if (!isJsonObject(diagnostic)) return null;
  const severity = toSeverity(diagnostic['severity']);
  const summary = text(diagnostic['summary']);
  if (severity === null || summary === '') return null;
  return {
    type: 'diagnostic',
    diagnostic: {
      severity,
      summary,
      detail: text(diagnostic['detail']),
      address: text(diagnostic['address']) || null,
      location: locationOf(diagnostic['range']),
    },
  };
}

function actionErroredEvent(message: JsonObject): LogEvent | null {
  const hook = message['hook'];
  if (!isJsonObject(hook)) return null;
  const actionAddress = isJsonObject(hook['action']) ? text(hook['action']['addr']) : '';
  if (actionAddress === '') return null;
  const lifecycle = hook['lifecycle'];
  const resource = isJsonObject(lifecycle) ? lifecycle['resource'] : undefined;
  const triggeringResourceAddress = isJsonObject(resource) ? text(resource['addr']) || null : null;
  const error = text(hook['error']);
  return {
    type: 'action_errored',
    actionAddress,
    triggeringResourceAddress,
    diagnostic: {
      severity: 'error',
      summary: `Action errored: ${actionAddress}`,
      detail: error || text(message['@message']),
      address: actionAddress,
      location: null,
    },
  };
}

function toSeverity(value: unknown): Severity | null {
  return value === 'error' || value === 'warning' ? value : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function locationOf(range: unknown): string | null {
  if (!isJsonObject(range)) return null;
  const filename = text(range['filename']);
  if (filename === '') return null;
  const start = range['start'];
  const line = isJsonObject(start) && typeof start['line'] === 'number' ? start['line'] : null;
  return line === null ? filename : `${filename} line ${line}`;
}
