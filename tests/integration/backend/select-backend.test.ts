import { describe, expect, it } from 'vitest';
import { selectBackend, webgpuLabel } from '../../../grader/backend/select-backend.js';
import { findGpuDevices } from '../../../grader/sandbox/backend-access.js';

const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100 80GB HBM3', isSoftware: false };

describe('selectBackend', () => {
  it('names a WebGPU backend by its adapter, and says when that adapter is software', () => {
    expect(webgpuLabel(adapter)).toBe('webgpu (NVIDIA H100 80GB HBM3)');
    expect(webgpuLabel({ ...adapter, description: '', device: 'llvmpipe', vendor: 'mesa', isSoftware: true })).toBe('webgpu (llvmpipe, software)');
    expect(webgpuLabel({ ...adapter, description: '', device: '' })).toBe('webgpu (nvidia hopper)');
  });

  it('gives webgpu the adapter the sandboxed probe found, with every field the report records', () => {
    const selected = selectBackend('webgpu');
    expect(selected.request).toEqual({ name: 'webgpu' });
    expect(Object.keys(selected.adapter!).sort()).toEqual(['architecture', 'description', 'device', 'isSoftware', 'vendor']);
    expect(selected.label).toBe(webgpuLabel(selected.adapter!));
    // Without a GPU device node, the only adapter is a software one.
    if (findGpuDevices().length === 0) expect(selected.adapter!.isSoftware).toBe(true);
  });

  it('chooses a software adapter only when asked: auto prefers wasm to it', () => {
    const selected = selectBackend('auto');
    if (findGpuDevices().length === 0) expect(selected.request.name).not.toBe('webgpu');
    if (selected.request.name === 'webgpu') expect(selected.adapter!.isSoftware).toBe(false);
  });
});
