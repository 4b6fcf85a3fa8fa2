#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds it (the `prepare` script); `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps compiled bytecode between runs: TypeScript and tfjs then load several times
// faster. The compile worker inherits the setting through the environment; sandboxed runners,
// whose environment is scrubbed, do not. Older releases lack the function and start cold.
if (typeof module.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE) {
  const base = process.env.AUTOGRADE_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'autograde');
  process.env.NODE_COMPILE_CACHE = path.join(base, 'compile');
  module.enableCompileCache(process.env.NODE_COMPILE_CACHE);
}

const entry = new URL('../dist/grader/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('autograde: the grader is not built yet. Run `npm install` (or `npm run build`) in the autograde folder.\n');
  process.exit(3);
}
// The commands that compile start the compile worker first: it loads TypeScript while the rest of
// the grader loads. Whatever fails here is left for the command itself to meet and report.
const isHelp = process.argv.includes('--help') || process.argv.includes('-h');
if (['grade', 'check', 'batch', 'gradescope'].includes(process.argv[2]) && !isHelp) {
  try {
    const { startCompilerEarly } = await import(new URL('../dist/grader/cli/with-compiler.js', import.meta.url).href);
    startCompilerEarly();
  } catch {
    // The command starts its own worker.
  }
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
