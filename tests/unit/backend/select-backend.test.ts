import { describe, expect, it } from 'vitest';
import { webgpuLabel } from '../../../grader/backend/select-backend.js';

const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100 80GB HBM3', isSoftware: false };

describe('webgpuLabel', () => {
  it('names a WebGPU backend by its adapter, and says when that adapter is software', () => {
    expect(webgpuLabel(adapter)).toBe('webgpu (NVIDIA H100 80GB HBM3)');
    expect(webgpuLabel({ ...adapter, description: '', device: 'llvmpipe', vendor: 'mesa', isSoftware: true })).toBe('webgpu (llvmpipe, software)');
    expect(webgpuLabel({ ...adapter, description: '', device: '' })).toBe('webgpu (nvidia hopper)');
  });
});
