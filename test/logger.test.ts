import { createLogger, prettyPrinterInstalled, redactSecrets } from '../src/logger.js';
import { MemoryLog } from './support/memory-log.js';

test('exact secret values and token shapes are redacted from every line', async () => {
  const log = new MemoryLog();
  const logger = createLogger({ level: 'debug', secrets: ['my-tfe-token-value'], destination: log });
  logger.debug({ url: 'https://x/?t=my-tfe-token-value' }, 'calling with my-tfe-token-value');
  logger.info({ headers: { authorization: 'Bearer abc.def' } }, 'headers');
  logger.warn('slack said xoxb-123-abc and xapp-1-A-1-abc');
  logger.error({ err: new Error('Authorization: Bearer sekret123') }, 'failed');
  logger.info({ token: 'opaque-value-123' }, 'token field');
  await new Promise((resolve) => setImmediate(resolve));
  const text = log.text();
  expect(log.lines).toHaveLength(5);
  for (const secret of [
    'my-tfe-token-value',
    'abc.def',
    'xoxb-123-abc',
    'xapp-1-A-1-abc',
    'sekret123',
    'opaque-value-123',
  ])
    expect(text).not.toContain(secret);
  expect(text).toContain('[REDACTED]');
  for (const line of log.lines) expect(() => JSON.parse(line)).not.toThrow();
});

test('redactSecrets leaves ordinary text alone', () => {
  expect(redactSecrets('run-abc failed in ws-xyz', ['secret-value'])).toBe('run-abc failed in ws-xyz');
  expect(redactSecrets('Bearer zzz', [])).toBe('Bearer [REDACTED]');
  expect(redactSecrets('xxxx.atlasv1.yyyyyyyyyy', [])).toBe('xxxx.atlasv1.yyyyyyyyyy');
  expect(redactSecrets('ABCDEFGHIJKLMN.atlasv1.yyyyyyyyyy', [])).toBe('[REDACTED]');
});

test('pretty printing is used only where pino-pretty resolves (a production install has none)', () => {
  expect(prettyPrinterInstalled()).toBe(true);
  const missing = (name: string): string => {
    throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  };
  expect(prettyPrinterInstalled(missing)).toBe(false);
});
