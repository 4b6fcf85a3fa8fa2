/**
 * The backend registry, read as data: nothing here starts a process (no candidate's `find` and no
 * backend's `detect` is called), so it holds on any machine.
 */
import { describe, expect, it } from 'vitest';
import { AUTO_CANDIDATES, BACKENDS, backendAccess, getBackend, type BackendDefinition } from '../../../grader/backend/backends/index.js';
import { describeMissing, missingPackages } from '../../../grader/backend/packages.js';
import { BACKEND_CHOICES } from '../../../grader/backend/select-backend.js';
import { UsageError } from '../../../grader/errors.js';
import { BACKEND_NAMES, BACKEND_SETUPS, backendSetup } from '../../../grader/runtime/backend-setup.js';
import type { BackendRequest } from '../../../grader/runtime/protocol.js';

describe('the backend registry', () => {
  it('has every backend the runner can set up, and only those, in the same order, each under its own name', () => {
    expect(Object.keys(BACKENDS)).toEqual(Object.keys(BACKEND_SETUPS));
    expect(BACKEND_NAMES).toEqual(['cpu', 'wasm', 'tensorflow', 'webgpu']);
    for (const [key, backend] of Object.entries(BACKENDS)) expect(backend.name).toBe(key);
  });

  it('refuses an unknown name, naming it and the choices, on both sides of the sandbox', () => {
    expect(() => getBackend('metal')).toThrow(UsageError);
    expect(() => getBackend('metal')).toThrow('Expected a backend named one of cpu, wasm, tensorflow, webgpu, got `metal`.');
    // A name an object inherits is no backend either.
    expect(() => getBackend('toString')).toThrow('got `toString`');
    expect(() => backendSetup('metal')).toThrow('Expected a backend named cpu, wasm, tensorflow, webgpu, got `metal`.');
  });

  it('ranks auto as documented: a real GPU first, then native CPU, then the portable backends', () => {
    expect(AUTO_CANDIDATES.map((candidate) => [candidate.backend, candidate.description])).toEqual([
      ['tensorflow', 'tensorflow on @tensorflow/tfjs-node-gpu, where it loads and drives a GPU'],
      ['webgpu', 'webgpu on a hardware adapter, where a GPU device node exists'],
      ['tensorflow', 'tensorflow on @tensorflow/tfjs-node, where it loads'],
      ['wasm', 'wasm, where @tensorflow/tfjs-backend-wasm is installed'],
      ['cpu', 'cpu, always'],
    ]);
    const ranks = AUTO_CANDIDATES.map((candidate) => candidate.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it('offers --backend the backends in the order auto prefers them', () => {
    expect(BACKEND_CHOICES).toEqual(['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu']);
  });

  it('validates on cpu, wasm and tensorflow by default, and carries cpu and wasm in a student kit', () => {
    const names = (keep: (backend: BackendDefinition) => boolean) => Object.values(BACKENDS).filter(keep).map((backend) => backend.name);
    expect(names((backend) => backend.isValidatedByDefault)).toEqual(['cpu', 'wasm', 'tensorflow']);
    // The mutants run on cpu, and a kit judges any other backend against the cpu's answers.
    expect(names((backend) => backend.isCarriedByKit)).toEqual(['cpu', 'wasm']);
  });

  it("grants every package the runner requires for a backend, and the backend's own packages", () => {
    const requests: BackendRequest[] = [
      { name: 'cpu' },
      { name: 'wasm' },
      { name: 'tensorflow' },
      { name: 'tensorflow', module: '@tensorflow/tfjs-node' },
      { name: 'tensorflow', module: '@tensorflow/tfjs-node-gpu' },
      { name: 'webgpu' },
    ];
    expect(new Set(requests.map((request) => request.name))).toEqual(new Set(BACKEND_NAMES));
    for (const request of requests) {
      const granted = backendAccess(request, {}).packages;
      expect(granted, request.name).toContain('@tensorflow/tfjs');
      expect(granted, request.name).toEqual(expect.arrayContaining(backendSetup(request.name).packages(request)));
      const need = getBackend(request.name).packages;
      if ('allOf' in need) expect(granted, request.name).toEqual(expect.arrayContaining([...need.allOf]));
      else expect(need.anyOf, request.name).toContain(granted[1]);
    }
  });
});

describe('missingPackages', () => {
  it('wants every package of allOf, and any one of anyOf', () => {
    expect(missingPackages({ allOf: [] })).toEqual([]);
    expect(missingPackages({ allOf: ['@tensorflow/tfjs', 'no-such-package-here'] })).toEqual(['no-such-package-here']);
    expect(missingPackages({ anyOf: ['no-such-package-here', '@tensorflow/tfjs'] })).toEqual([]);
    expect(missingPackages({ anyOf: ['no-such-a', 'no-such-b'] })).toEqual(['no-such-a', 'no-such-b']);
    expect(describeMissing(['a'])).toBe('a is not installed');
    expect(describeMissing(['a', 'b'])).toBe('a and b are not installed');
  });
});
