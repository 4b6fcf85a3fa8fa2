/**
 * How a runner is started: the command line, the flags each backend gets and the layers it reports.
 * The sandbox's layers are probed on this machine (bubblewrap, unshare, prlimit) as they are built.
 */
import { describe, expect, it } from 'vitest';
import { backendAccess } from '../../../grader/backend/backends/index.js';
import { buildLaunch } from '../../../grader/sandbox/launch.js';
import { DEFAULT_LIMITS, FILE_SIZE_LIMIT_BYTES } from '../../../grader/sandbox/limits.js';

const launch = (name: 'cpu' | 'webgpu') => buildLaunch({ access: backendAccess({ name }), limits: DEFAULT_LIMITS }, '/runtime/runner.js', '/tfjs/index.js', '/tmp/scratch');
const hasAllowAddons = process.allowedNodeEnvironmentFlags.has('--allow-addons');

describe('buildLaunch', () => {
  it('refuses native addons to a backend without one, and says nothing about backend access', () => {
    const { args, layers } = launch('cpu');
    expect(args).toContain('--no-addons');
    expect(args).not.toContain('--allow-addons');
    expect(args).toContain(`--fsize=${FILE_SIZE_LIMIT_BYTES}`);
    expect(layers.map((layer) => layer.name)).not.toContain('backend-access');
    expect(args.slice(-2)).toEqual(['/runtime/runner.js', '/tfjs/index.js']);
  });

  it('lets webgpu load Dawn, read its packages, and write memory files as large as its memory', () => {
    const { args, layers } = launch('webgpu');
    expect(args).not.toContain('--no-addons');
    // Releases before 20.12 have no such flag, and let addons load under the permission model without one.
    const addonFlags = args.filter((arg) => arg === '--allow-addons' || arg === '--disable-warning=SecurityWarning');
    expect(addonFlags).toEqual(hasAllowAddons ? ['--allow-addons', '--disable-warning=SecurityWarning'] : []);
    expect(args.some((arg) => /^--allow-fs-read=.*\/webgpu\/$/.test(arg))).toBe(true);
    expect(args.some((arg) => /^--allow-fs-read=.*\/tfjs-backend-webgpu\/$/.test(arg))).toBe(true);
    expect(args).toContain(`--fsize=${DEFAULT_LIMITS.memoryMb * 1024 * 1024}`);
    const access = layers.find((layer) => layer.name === 'backend-access');
    expect(access).toMatchObject({ isActive: true });
    expect(access!.detail).toContain('Vulkan manifests');
    expect(layers.find((layer) => layer.name === 'permission-model')!.detail).toContain('native addons allowed');
  });
});
