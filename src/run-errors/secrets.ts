/**
 * Masks common secret shapes in log text before it is posted or cached. Terraform redacts sensitive values,
 * but providers can still print credentials in error details.
 */

export const MASK = '[masked]';

const KEY_NAME_CHARS = '[A-Za-z0-9_.-]*';
const ASSIGNMENT = String.raw`(["']?\s*[:=]\s*["']?)`;

interface MaskRule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const RULES: readonly MaskRule[] = [
  // PEM blocks; an unterminated one (the log was cut) is masked to the end of the text.
  {
    pattern: /-----BEGIN ([A-Z0-9 ]*KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g,
    replace: (_match, kind) => `-----BEGIN ${kind}----- ${MASK}`,
  },
  // AWS access key IDs: long-term (AKIA) and temporary (ASIA).
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: () => MASK },
  // AWS secret access keys: 40 base64 characters after a key name.
  {
    pattern: new RegExp(
      `(${KEY_NAME_CHARS}(?:secret_?access_?key|SecretAccessKey|aws_secret)${KEY_NAME_CHARS})${ASSIGNMENT}[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    replace: (_match, name, assignment) => `${name}${assignment}${MASK}`,
  },
  { pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, replace: (_match, prefix) => `${prefix}${MASK}` },
  // HCP Terraform / Terraform Enterprise API tokens.
  { pattern: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{20,}/g, replace: () => MASK },
  // Slack bot, user, app-level and configuration tokens.
  { pattern: /\bxox[abposre]-[A-Za-z0-9-]+/g, replace: () => MASK },
  { pattern: /\bxapp-[A-Za-z0-9-]+/g, replace: () => MASK },
  // password=..., "secret": "...", token: ..., api_key=...
  {
    pattern: new RegExp(
      String.raw`(${KEY_NAME_CHARS}(?:password|passwd|secret|token|api[_-]?key|private[_-]?key|credentials?)${KEY_NAME_CHARS})${ASSIGNMENT}(?!\[masked\])[^\s"',;&]+`,
      'gi',
    ),
    replace: (_match, name, assignment) => `${name}${assignment}${MASK}`,
  },
];

export function maskSecrets(text: string): string {
  let masked = text;
  for (const rule of RULES) masked = masked.replace(rule.pattern, rule.replace);
  return masked;
}
