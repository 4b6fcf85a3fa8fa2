/**
 * Which type checker the compile worker runs: TypeScript 7's native compiler where it is installed
 * for this platform (a Go binary in a per-platform package that npm installs as an optional
 * dependency of `typescript-native`), else TypeScript's JS compiler, which ts-morph brings. Decided
 * in the grader from the package manifests alone, without loading either compiler.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TypecheckerChoice =
  | { kind: 'native'; executable: string; version: string }
  | { kind: 'js' };

/** `AUTOGRADE_TYPECHECKER=js` keeps to the JS checker: for comparing the two, as the benchmark does. */
export const TYPECHECKER_VARIABLE = 'AUTOGRADE_TYPECHECKER';

const require = createRequire(import.meta.url);

function readManifest(file: string): { version?: string } {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string };
}

function findNativeTypechecker(): TypecheckerChoice | null {
  let manifestFile: string;
  let platformManifestFile: string;
  try {
    manifestFile = require.resolve('typescript-native/package.json');
    // The binary comes from the package of this platform, looked up from where npm put typescript-native.
    platformManifestFile = createRequire(manifestFile).resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`);
  } catch {
    return null;
  }
  const { version } = readManifest(manifestFile);
  // The JS API and the binary speak an unversioned protocol: only a binary of the same release will do.
  if (version === undefined || readManifest(platformManifestFile).version !== version) return null;
  // Beside it lie the lib files the binary reads (lib.es2022.d.ts and the rest).
  const executable = path.join(path.dirname(platformManifestFile), 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
  return fs.existsSync(executable) ? { kind: 'native', executable, version } : null;
}

export function chooseTypechecker(preference = process.env[TYPECHECKER_VARIABLE]): TypecheckerChoice {
  if (preference === 'js') return { kind: 'js' };
  return findNativeTypechecker() ?? { kind: 'js' };
}

export function describeTypechecker(choice: TypecheckerChoice): string {
  return choice.kind === 'native' ? `TypeScript ${choice.version}, native` : "TypeScript's JS compiler (ts-morph's)";
}
