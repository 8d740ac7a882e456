import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA512 = /^[0-9a-f]{128}$/i;

/**
 * Whether `header` is HCP Terraform's signature of `rawBody`: the hex HMAC-SHA512 of the raw body keyed with
 * the notification configuration's token. The digests are compared in constant time; only the header's shape,
 * which says nothing about the token, is checked before that.
 */
export function hasValidSignature(rawBody: Buffer, header: string | undefined, token: string): boolean {
  if (token === '' || header === undefined || !HEX_SHA512.test(header)) return false;
  const expected = createHmac('sha512', token).update(rawBody).digest();
  const given = Buffer.from(header, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
