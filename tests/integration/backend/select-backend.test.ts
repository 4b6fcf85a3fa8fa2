/**
 * Choosing a backend on this machine: webgpu's adapter comes from a probe started in the sandbox,
 * and `auto` takes webgpu only on a hardware adapter.
 */
import { describe, expect, it } from 'vitest';
import { selectBackend, webgpuLabel } from '../../../grader/backend/select-backend.js';
import { findGpuDevices } from '../../../grader/sandbox/backend-access.js';
import { isMissing, WEBGPU } from '../../support/requirements.js';

const hasGpuDevice = findGpuDevices().length > 0;

describe('selectBackend', () => {
  describe.skipIf(isMissing(WEBGPU))('webgpu (needs a WebGPU adapter)', () => {
    it('gives webgpu the adapter the sandboxed probe found, with every field the report records', () => {
      const selected = selectBackend('webgpu');
      expect(selected.request).toEqual({ name: 'webgpu' });
      expect(Object.keys(selected.adapter!).sort()).toEqual(['architecture', 'description', 'device', 'isSoftware', 'vendor']);
      expect(selected.label).toBe(webgpuLabel(selected.adapter!));
    });

    it.skipIf(hasGpuDevice)('without a GPU device node, finds only a software adapter', () => {
      expect(selectBackend('webgpu').adapter!.isSoftware).toBe(true);
    });
  });

  it.skipIf(hasGpuDevice)('chooses a software adapter only when asked: without a GPU device node, auto never takes webgpu', () => {
    expect(selectBackend('auto').request.name).not.toBe('webgpu');
  });

  it.skipIf(!hasGpuDevice)('chooses a software adapter only when asked: with a GPU device node, auto takes webgpu only on a hardware adapter', () => {
    const selected = selectBackend('auto');
    const chosen = { name: selected.request.name, isSoftware: selected.adapter?.isSoftware ?? false };
    expect(chosen).not.toEqual({ name: 'webgpu', isSoftware: true });
  });
});
