import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backendAccess } from '../../../grader/backend/backends/index.js';
import { findGpuDevices } from '../../../grader/sandbox/backend-access.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-access-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backendAccess', () => {
  it('grants the portable backends nothing beyond their packages', () => {
    expect(backendAccess({ name: 'cpu' })).toEqual({ packages: ['@tensorflow/tfjs'], isAddonAllowed: false, readOnly: [], devices: [], env: {}, hasMemoryFiles: false, description: null });
    expect(backendAccess({ name: 'wasm' })).toMatchObject({ packages: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'], isAddonAllowed: false, description: null });
  });

  it('lets tfjs-node load its addon, and tfjs-node-gpu reach the NVIDIA devices', () => {
    const cpu = backendAccess({ name: 'tensorflow', module: '@tensorflow/tfjs-node' });
    expect(cpu).toMatchObject({ packages: ['@tensorflow/tfjs', '@tensorflow/tfjs-node'], isAddonAllowed: true, devices: [], readOnly: [] });
    expect(cpu.description).toContain('native addons allowed');
    const gpu = backendAccess({ name: 'tensorflow', module: '@tensorflow/tfjs-node-gpu' });
    expect(gpu.devices.every((device) => device.startsWith('/dev/nvidia'))).toBe(true);
  });

  it('gives webgpu Dawn, the Vulkan drivers named by the loader\'s variables, and those variables', () => {
    // A driver outside /usr, named by VK_DRIVER_FILES with an absolute library path: both are bound.
    const library = path.join(dir, 'libvulkan_test.so');
    fs.writeFileSync(library, '');
    const manifest = path.join(dir, 'test_icd.json');
    fs.writeFileSync(manifest, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: library, api_version: '1.3.0' } }));
    const access = backendAccess({ name: 'webgpu' }, { VK_DRIVER_FILES: manifest, HOME: '/root', SECRET: 'x' });
    expect(access.packages).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', 'webgpu']);
    expect(access).toMatchObject({ isAddonAllowed: true, hasMemoryFiles: true, env: { VK_DRIVER_FILES: manifest } });
    expect(access.readOnly).toEqual(expect.arrayContaining([manifest, library]));
    expect(access.devices).toEqual(findGpuDevices());
    expect(access.description).toContain('--allow-addons');
    expect(access.description).toContain('VK_DRIVER_FILES');
  });

  it('finds DRM and NVIDIA device nodes, and nothing else', () => {
    const dev = fs.mkdtempSync(path.join(dir, 'dev-'));
    for (const name of ['nvidia0', 'nvidiactl', 'nvidia-uvm', 'nvidia-caps', 'null', 'sda']) fs.writeFileSync(path.join(dev, name), '');
    fs.mkdirSync(path.join(dev, 'dri'));
    expect(findGpuDevices(dev)).toEqual([path.join(dev, 'dri'), path.join(dev, 'nvidia-uvm'), path.join(dev, 'nvidia0'), path.join(dev, 'nvidiactl')]);
  });
});
