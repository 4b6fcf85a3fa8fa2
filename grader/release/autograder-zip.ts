/**
 * The Gradescope autograder of one exercise: a zip with `setup.sh` and `run_autograder` at its root
 * (Gradescope's layout, https://gradescope-autograders.readthedocs.io/en/latest/specs/) and the
 * grader's own package, which holds every rubric and solution. `setup.sh` installs Node.js where the
 * image has none, bubblewrap, and the grader; `run_autograder` grades whatever was uploaded and
 * always leaves a results.json. Both read their root from AUTOGRADER_ROOT (default /autograder), so
 * that the zip can be tried on a folder laid out like Gradescope's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { GRADER_TARBALL_FILE } from './names.js';

/** The node the autograder installs where the image has none: the LTS line the grader supports. */
const NODE_MAJOR = 24;

function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder: Node.js ${NODE_MAJOR} (where the
# image has no node the grader supports), bubblewrap for the sandbox's full layers, and the grader.
set -euo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
cd "$root/source"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates curl xz-utils
  base=https://nodejs.org/dist/latest-v${NODE_MAJOR}.x
  tarball=$(curl -fsSL "$base/SHASUMS256.txt" | awk '/linux-x64\\.tar\\.xz$/ { print $2 }')
  curl -fsSL "$base/$tarball" | tar -xJ -C /usr/local --strip-components=1
fi
if ! command -v bwrap >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap) || echo "bubblewrap could not be installed: grading runs on fewer sandbox layers, and each report says which"
fi
npm install --no-audit --no-fund --no-save "./${GRADER_TARBALL_FILE}"
node_modules/.bin/autograde --version
`;
}

function runScript(exerciseId: string, hasRubric: boolean): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: it grades $root/submission and writes
# $root/results/results.json, whatever was uploaded.
set -uo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
exec "$root/source/node_modules/.bin/autograde" gradescope --root "$root" --exercise ${exerciseId}${hasRubric ? ` --rubric "$root/source/${RUBRIC_FILE}"` : ''}
`;
}

/** A course's own rubric, when the release was given one, travels beside the grader. */
const RUBRIC_FILE = 'rubric.yaml';

export function writeAutograderZip(exerciseId: string, graderTarball: string, file: string, rubricPath?: string): void {
  // Unix mode bits in the upper half of the external attributes: a regular file, rwxr-xr-x.
  const executable = { attrs: 0o100755 * 0x10000 };
  const zipped = zipSync({
    'setup.sh': [new TextEncoder().encode(setupScript()), { os: 3, ...executable }],
    run_autograder: [new TextEncoder().encode(runScript(exerciseId, rubricPath !== undefined)), { os: 3, ...executable }],
    [GRADER_TARBALL_FILE]: [fs.readFileSync(graderTarball), { level: 0 }],
    ...(rubricPath ? { [RUBRIC_FILE]: fs.readFileSync(rubricPath) } : {}),
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zipped);
}
