import { randomBytes } from 'node:crypto';

/** A random token for locks and claims: only its holder can release them (compare-and-delete). */
export function newToken(): string {
  return randomBytes(12).toString('base64url');
}
