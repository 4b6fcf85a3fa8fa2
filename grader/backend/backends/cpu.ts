/** tfjs's own JavaScript kernels: always there, and what `auto` takes when nothing faster is. */
import { packagesOnly } from '../../sandbox/backend-access.js';
import type { BackendDefinition, SelectedBackend } from './types.js';

const selectCpu = (): SelectedBackend => ({ request: { name: 'cpu' }, label: 'cpu' });

export const cpu: BackendDefinition = {
  name: 'cpu',
  packages: { allOf: [] },
  detect: () => ({ isAvailable: true, selected: selectCpu() }),
  auto: [{ rank: 50, description: 'cpu, always', find: selectCpu }],
  access: () => packagesOnly(['@tensorflow/tfjs']),
  isValidatedByDefault: true,
  isCarriedByKit: true,
};
