/**
 * Vitest's global setup: brings dist/ up to date before any test runs. The CLI (bin/autograde.js),
 * the sandboxed runner and the compile worker all run compiled, so a test run after an edit would
 * otherwise grade with the code as it was at the last build.
 *
 * `tsc -b` is what `npm run build` runs: it compares the sources with dist/tsconfig.build.tsbuildinfo
 * and, when nothing changed, returns in a fraction of a second. It does not notice an output deleted
 * by hand, so every output is also looked for, and a missing one forces a full build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../grader/paths.js';

const CONFIG = path.join(PROJECT_ROOT, 'tsconfig.build.json');
const requireHere = createRequire(import.meta.url);
const TSC = requireHere.resolve('typescript/bin/tsc');
// Required rather than imported: an import of this 9 MB CommonJS file scans it for its exports first,
// which takes longer than the whole up-to-date build.
const ts = requireHere('typescript') as typeof import('typescript');

function runTsc(extra: string[]): void {
  const result = spawnSync(process.execPath, [TSC, '-b', CONFIG, ...extra], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    const printed = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || String(result.error ?? `exit ${result.status ?? result.signal}`);
    throw new Error(`dist/ could not be brought up to date: \`tsc -b tsconfig.build.json\` failed. Fix what it reports, or run \`npm run build\` to see it.\n${printed}`);
  }
}

/** The compiled files the build config promises that are not in dist/. */
function missingOutputs(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) return [];
  return parsed.fileNames
    .filter((file) => !file.endsWith('.d.ts'))
    .flatMap((file) => ts.getOutputFileNames(parsed, file, false))
    .filter((output) => !fs.existsSync(output));
}

function buildDist(): void {
  runTsc([]);
  if (missingOutputs().length > 0) runTsc(['--force']);
  const stillMissing = missingOutputs();
  if (stillMissing.length > 0) throw new Error(`dist/ is missing ${stillMissing.map((file) => path.relative(PROJECT_ROOT, file)).join(', ')} after a full build: run \`npm run build\`.`);
}

export function setup(project: TestProject): void {
  buildDist();
  // In watch mode the global setup runs once; each rerun follows an edit, so it builds again.
  project.onTestsRerun(buildDist);
}
