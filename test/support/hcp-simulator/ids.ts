import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An ID shaped like HCP Terraform's: `ws-`, `action-`, `run-` or `ai-` followed by 16 letters and digits. */
export function generateId(prefix: 'ws' | 'action' | 'run' | 'ai'): string {
  let suffix = '';
  for (let i = 0; i < 16; i += 1) suffix += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return `${prefix}-${suffix}`;
}
