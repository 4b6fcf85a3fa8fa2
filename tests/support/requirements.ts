/**
 * What some tests need from the machine beyond node and `npm install`: each is looked for once,
 * when a test file asks. A test that needs one is declared with it, so that where it is missing
 * the test is skipped and says why:
 *
 *   describe.skipIf(isMissing(CHROMIUM))('... (needs Chromium)', () => { ... });
 *
 * In CI, which installs every one of them (.ci/run), a missing one is an error instead: a skip
 * there would pass a run that tested nothing of what it stands for.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { selectBackend } from '../../grader/backend/select-backend.js';
import { chooseTypechecker } from '../../grader/compile/typechecker.js';

export interface Requirement {
  /** What the skip and the error call it. */
  name: string;
  /** How to get it, for the person reading the skip or the error. */
  install: string;
  /** Why it is missing here, or null where it is present. */
  findProblem: () => string | null;
}

/** The variable CI services set; `false` and `0` are how a person unsets it for one run. */
export const IS_CI = !['', 'false', '0'].includes(process.env.CI ?? '');

const problems = new Map<Requirement, string | null>();
const warned = new Set<Requirement>();

/**
 * True where `requirement` is missing, after saying so on stderr; in CI, where it must be present,
 * it throws, and the test file that needs it fails with the reason and the fix.
 */
export function isMissing(requirement: Requirement): boolean {
  if (!problems.has(requirement)) problems.set(requirement, requirement.findProblem());
  const problem = problems.get(requirement) ?? null;
  if (problem === null) return false;
  const explanation = `${requirement.name} is missing here (${problem}); ${requirement.install}`;
  if (IS_CI) throw new Error(`${explanation}. CI is set, and CI installs it (.ci/run): a missing install fails rather than skips.`);
  if (!warned.has(requirement)) {
    warned.add(requirement);
    process.stderr.write(`skipping the tests that need ${requirement.name}: ${explanation}\n`);
  }
  return true;
}

/** Whether `command args` runs and exits 0; otherwise what went wrong. */
function runProblem(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  if (result.error) return `${command} could not be run: ${result.error.message}`;
  return result.status === 0 ? null : `\`${command} ${args.join(' ')}\` exited ${result.status ?? result.signal}`;
}

/** bubblewrap, working: installed is not enough where user namespaces are off. */
export const BUBBLEWRAP: Requirement = {
  name: 'bubblewrap',
  install: 'install it with `apt-get install bubblewrap` (it needs root or unprivileged user namespaces)',
  findProblem: () => runProblem('bwrap', ['--ro-bind', '/', '/', 'true']),
};

/** TypeScript 7's native compiler, which npm installs for the platforms it is built for. */
export const NATIVE_TYPECHECKER: Requirement = {
  name: 'the native type checker',
  install: `run \`npm install\`, which installs typescript-native and its optional package @typescript/typescript-${process.platform}-${process.arch} where one is built for this platform`,
  // Asked as the grader asks, ignoring AUTOGRADE_TYPECHECKER: what is installed, not what is chosen.
  findProblem: () => (chooseTypechecker('auto').kind === 'native' ? null : `no typescript-native with a binary for ${process.platform}-${process.arch} of its version is installed`),
};

/** libxml2's xmllint, which validates JUnit files against their schema. */
export const XMLLINT: Requirement = {
  name: 'xmllint',
  install: 'install it with `apt-get install libxml2-utils`',
  findProblem: () => runProblem('xmllint', ['--version']),
};

/** Debian's Chromium, where the HTML tests look for it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM: Requirement = {
  name: 'Chromium',
  install: 'install Debian\'s chromium package with `apt-get install chromium`',
  findProblem: () => (fs.existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} does not exist`),
};

/**
 * A WebGPU adapter, as the grader finds one: the optional packages `webgpu` and
 * `@tensorflow/tfjs-backend-webgpu`, and a Vulkan driver the sandboxed probe can load (lavapipe,
 * Mesa's software one, where there is no GPU).
 */
export const WEBGPU: Requirement = {
  name: 'a WebGPU adapter',
  install:
    'install a Vulkan driver and loader, e.g. lavapipe: `apt-get install mesa-vulkan-drivers libvulkan1` (on Debian 12 with `-t bookworm-backports`), and the optional packages webgpu and @tensorflow/tfjs-backend-webgpu',
  findProblem: () => {
    try {
      selectBackend('webgpu');
      return null;
    } catch (error) {
      // The grader's message, less its advice to grade on another backend instead.
      return (error instanceof Error ? error.message : String(error)).replace(/\s*Or choose --backend wasm or cpu\.$/, '');
    }
  },
};
