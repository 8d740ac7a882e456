import { hasValidSignature } from '../../src/webhooks/signature.js';
import { runNotificationBody, signNotification } from '../support/hcp-notification-signer.js';

const TOKEN = 'test-notification-token-not-real';
const body = Buffer.from(runNotificationBody());

test('the signature HCP Terraform computes is accepted, in either hex case', () => {
  const signature = signNotification(body, TOKEN);
  expect(hasValidSignature(body, signature, TOKEN)).toBe(true);
  expect(hasValidSignature(body, signature.toUpperCase(), TOKEN)).toBe(true);
});

test('a missing, empty or malformed signature is refused', () => {
  expect(hasValidSignature(body, undefined, TOKEN)).toBe(false);
  expect(hasValidSignature(body, '', TOKEN)).toBe(false);
  expect(hasValidSignature(body, 'sha512=abc', TOKEN)).toBe(false);
  // The right digest with something around it is still not the header HCP sends.
  expect(hasValidSignature(body, `${signNotification(body, TOKEN)}00`, TOKEN)).toBe(false);
  expect(hasValidSignature(body, signNotification(body, TOKEN).slice(2), TOKEN)).toBe(false);
});

test('a signature made with another token is refused', () => {
  expect(hasValidSignature(body, signNotification(body, 'another-token-entirely'), TOKEN)).toBe(false);
});

test('a body altered by one byte no longer matches its signature', () => {
  const signature = signNotification(body, TOKEN);
  for (const index of [0, Math.floor(body.length / 2), body.length - 1]) {
    const altered = Buffer.from(body);
    altered[index] = (altered[index] ?? 0) ^ 0x01;
    expect(hasValidSignature(altered, signature, TOKEN)).toBe(false);
  }
  expect(hasValidSignature(Buffer.concat([body, Buffer.from(' ')]), signature, TOKEN)).toBe(false);
});

test('with no token nothing is valid, not even the signature of an empty key', () => {
  expect(hasValidSignature(body, signNotification(body, ''), '')).toBe(false);
});

test('SHA-256 or other digest lengths are refused', () => {
  const sha256Hex = 'a'.repeat(64);
  expect(hasValidSignature(body, sha256Hex, TOKEN)).toBe(false);
});
