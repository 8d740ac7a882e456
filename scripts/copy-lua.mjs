// tsc compiles only TypeScript: the Lua scripts the alert pipeline loads at run time (src/alerts/redis-script.ts)
// are copied next to the compiled code, at the same relative paths.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const source = 'src';
const target = 'dist';
let copied = 0;
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.lua')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(target, relative(source, from));
  cpSync(from, to, { force: true });
  copied += 1;
}
if (copied === 0)
  throw new Error(`no .lua files under ${source}/: the worker cannot run without its scripts`);
console.log(`copied ${copied} Lua scripts into ${target}/`);
