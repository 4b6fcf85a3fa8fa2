/** tfjs's WebAssembly kernels: a dependency of the grader, with no native code, so every machine has it. */
import { packagesOnly } from '../../sandbox/backend-access.js';
import { isPackageInstalled } from '../packages.js';
import type { BackendDefinition, SelectedBackend } from './types.js';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';

const selectWasm = (): SelectedBackend => ({ request: { name: 'wasm' }, label: 'wasm' });

export const wasm: BackendDefinition = {
  name: 'wasm',
  packages: { allOf: [PACKAGE] },
  detect: () =>
    isPackageInstalled(PACKAGE)
      ? { isAvailable: true, selected: selectWasm() }
      : { isAvailable: false, reason: `The wasm backend needs ${PACKAGE}: run \`npm install ${PACKAGE}\`` },
  auto: [{ rank: 40, description: `wasm, where ${PACKAGE} is installed`, find: () => (isPackageInstalled(PACKAGE) ? selectWasm() : null) }],
  access: () => packagesOnly(['@tensorflow/tfjs', PACKAGE]),
  isValidatedByDefault: true,
  isCarriedByKit: true,
};
