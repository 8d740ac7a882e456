/** Narrowing helpers for JSON values of unknown shape (request bodies, Block Kit). */

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Slack form fields carry booleans as strings. */
export function asBoolean(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
