import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
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
