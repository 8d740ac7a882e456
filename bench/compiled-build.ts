import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export interface CompiledBuild {
  /** Holds dist/, package.json and a node_modules link: run `node dist/worker.js` from here. */
  readonly dir: string;
  remove(): void;
}

/** `npm run build`'s compilation, into a scratch directory so the working tree is left alone. */
export async function buildCompiled(repoRoot: string): Promise<CompiledBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'tfactions-bench-build-'));
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  // An interrupted run exits without unwinding; the scratch build must not stay behind.
  process.on('exit', removeNow);
  const remove = () => {
    process.off('exit', removeNow);
    removeNow();
  };
  try {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await run(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')],
      repoRoot,
    );
    if (output.code !== 0) throw new Error(`the build failed:\n${output.text}`);
    copyLuaScripts(join(repoRoot, 'src'), join(dir, 'dist'));
    copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** As scripts/copy-lua.mjs does for `npm run build`: the worker loads these at run time. */
function copyLuaScripts(source: string, target: string): void {
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.lua')) continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, join(target, relative(source, from)), { force: true });
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, text }));
  });
}
