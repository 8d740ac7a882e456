/** Whose token this is: the doctor's check that HCP Terraform accepts it. */

import { isHcpError } from './errors.js';
import { attributesOf } from './fields.js';
import { readSingleDocument } from './jsonapi.js';
import type { HcpGet } from './transport.js';

/**
 * A refused token is a 401 (UnauthorizedError, thrown). HCP Terraform authenticates before routing, so a
 * 404 here means the token was accepted but has no user account (an organization token) to describe.
 */
export async function verifyToken(http: HcpGet): Promise<string> {
  try {
    const response = await http.get({ path: '/account/details', route: '/account/details', what: 'account' });
    const account = readSingleDocument(response).data;
    const username = attributesOf(account, response.request).nullableString('username');
    return username ? `user ${username}` : `account ${account.id}`;
  } catch (error) {
    if (isHcpError(error) && error.kind === 'not_found') return 'a token without a user account';
    throw error;
  }
}
