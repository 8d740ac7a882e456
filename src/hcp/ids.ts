/** ID patterns of HCP Terraform; an ID that does not match is never sent. */

import type { ActionRunRef } from './types.js';

export type IdKind = 'workspace' | 'action' | 'run' | 'organization' | 'workspace-name';

const PATTERNS: Record<IdKind, RegExp> = {
  workspace: /^ws-[A-Za-z0-9]{1,64}$/,
  action: /^action-[A-Za-z0-9]{1,64}$/,
  run: /^run-[A-Za-z0-9]{1,64}$/,
  // Organization and workspace names: letters, digits, '-' and '_' (HCP Terraform's own rule), at most 90.
  organization: /^[A-Za-z0-9_-]{1,90}$/,
  'workspace-name': /^[A-Za-z0-9_-]{1,90}$/,
};

const EXAMPLES: Record<IdKind, string> = {
  workspace: 'ws-4j8p6jX1w33MiDC7',
  action: 'action-ryh1uSaExmQqK72V',
  run: 'run-KTuq99JSzgmDSvYj',
  organization: 'acme',
  'workspace-name': 'networking-prod',
};

export class InvalidIdError extends Error {
  constructor(
    readonly kind: IdKind,
    readonly value: string,
  ) {
    super(`${quotedForMessage(value)} is not a valid ${kind} ID (expected something like ${EXAMPLES[kind]})`);
    this.name = 'InvalidIdError';
  }
}

export function isValidId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && PATTERNS[kind].test(value);
}

/** Returns the ID, path-escaped, or throws InvalidIdError. */
export function idPathSegment(kind: IdKind, value: unknown): string {
  if (!isValidId(kind, value))
    throw new InvalidIdError(kind, typeof value === 'string' ? value : String(value));
  return encodeURIComponent(value);
}

export function exampleId(kind: IdKind): string {
  return EXAMPLES[kind];
}

/** The run-summary ID is `<action_id>:<run_id>`. */
export function parseRunSummaryId(id: string): ActionRunRef | null {
  const separator = id.indexOf(':');
  if (separator < 0) return null;
  const actionId = id.slice(0, separator);
  const runId = id.slice(separator + 1);
  return isValidId('action', actionId) && isValidId('run', runId) ? { actionId, runId } : null;
}

/** A short, printable rendering of untrusted input for messages. */
export function quotedForMessage(value: string): string {
  if (value === '') return 'an empty value';
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}
