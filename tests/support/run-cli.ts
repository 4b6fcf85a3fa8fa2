/** Runs the real CLI as a user would: `node bin/autograde.js ...`, from the package root unless told otherwise. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../grader/paths.js';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * `cwd` defaults to the package root; `check` finds its default file from where it runs. `bin` runs
 * another installed copy (a student kit's `node_modules/.bin/autograde`) instead of this one.
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; bin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [options.bin ?? path.join(PROJECT_ROOT, 'bin', 'autograde.js'), ...args],
      { cwd: options.cwd ?? PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
