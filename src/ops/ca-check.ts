/** The doctor's check of NODE_EXTRA_CA_CERTS: Node only warns once at start-up when the file is unusable. */

import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DoctorCheck } from './doctor-check.js';

const NAME = 'Extra CA certificates';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export async function extraCaCertsCheck(path: string): Promise<DoctorCheck> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return {
      name: NAME,
      ok: false,
      detail: `NODE_EXTRA_CA_CERTS=${path} cannot be read (${code}), so Node ignored it`,
      fix: 'Point NODE_EXTRA_CA_CERTS at a PEM file this user can read, then restart tfactions.',
    };
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  const subjects: string[] = [];
  for (const block of blocks) {
    try {
      subjects.push(new X509Certificate(block).subject.replace(/\n/g, ', '));
    } catch {
      return notPem(path, 'one of its certificates cannot be parsed');
    }
  }
  if (subjects.length === 0) return notPem(path, 'it holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return {
    name: NAME,
    ok: true,
    detail: `NODE_EXTRA_CA_CERTS holds ${subjects.length} certificate(s): ${subjects.slice(0, 3).join('; ')}`,
  };
}

function notPem(path: string, problem: string): DoctorCheck {
  return {
    name: NAME,
    ok: false,
    detail: `NODE_EXTRA_CA_CERTS=${path} is not a usable CA bundle: ${problem}`,
    fix: 'Export the CA certificate in PEM (Base64) form, e.g. `openssl x509 -in ca.der -inform der -out ca.pem`, and restart.',
  };
}
