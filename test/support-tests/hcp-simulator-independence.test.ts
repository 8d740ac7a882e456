import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The simulator stands for HCP Terraform, not for the client: if it imported the client's value lists, it could
 * never send the client a value the client does not know. Nothing under test/support/hcp-simulator may import
 * from src/ (nor from anywhere else in the repository outside the simulator).
 */

const here = dirname(fileURLToPath(import.meta.url));
const simulatorDir = resolve(here, '../support/hcp-simulator');
const srcDir = resolve(here, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
function importSpecifiers(source: string): string[] {
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

test('the specifier scan sees every import form', () => {
  const source = [
    "import { a } from '../../../src/hcp/types.js';",
    "export { b } from './b.js';",
    'import type { C } from "./c.js";',
    "const d = await import('./d.js');",
    "import './e.js';",
  ].join('\n');
  expect(importSpecifiers(source).sort()).toEqual(
    ['../../../src/hcp/types.js', './b.js', './c.js', './d.js', './e.js'].sort(),
  );
});

test('no file of the HCP simulator imports from src/ or from outside the simulator', () => {
  const files = sourceFiles(simulatorDir);
  expect(files.length).toBeGreaterThan(10);
  const offending: string[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        // Packages are fine; a path alias into the repository is not.
        if (specifier.includes('src/')) offending.push(`${relative(simulatorDir, file)}: ${specifier}`);
        continue;
      }
      const target = resolve(dirname(file), specifier);
      const outside = relative(simulatorDir, target).startsWith('..');
      if (outside || target.startsWith(srcDir))
        offending.push(`${relative(simulatorDir, file)}: ${specifier}`);
    }
  }
  expect(offending).toEqual([]);
});
