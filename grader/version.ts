import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from './paths.js';

const require = createRequire(import.meta.url);

function readVersion(manifest: string): string {
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export const GRADER_VERSION = readVersion(path.join(PROJECT_ROOT, 'package.json'));
export const TFJS_VERSION = readVersion(require.resolve('@tensorflow/tfjs/package.json'));
