/**
 * `npm pack` of a folder laid out as a package: the tarball npm itself would publish, which `npm
 * install ./file.tgz` takes. npm decides what goes in (the manifest's `files`), so the kit and the
 * grader are packed exactly as they will be installed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';

export function npmPack(packageDir: string, destination: string): string {
  fs.mkdirSync(destination, { recursive: true });
  let output: string;
  try {
    // No lifecycle scripts: what is packed is already built, and a kit has none.
    output = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new GraderError('INTERNAL', `npm pack failed in ${packageDir}: ${stderr.trim() || (error as Error).message}. Is npm on the PATH?`);
  }
  const [packed] = JSON.parse(output) as Array<{ filename: string }>;
  // npm names a scoped package's tarball `scope-name-version.tgz`.
  return path.join(destination, packed.filename.replace(/^@/, '').replace(/\//g, '-'));
}
