/**
 * The command line that starts a script inside every layer of the sandbox, and the layers it puts
 * on. The runner and the WebGPU adapter probe are started the same way, so that the probe sees
 * exactly what the runners will: the same mount view, devices, variables and node flags.
 */
import path from 'node:path';
import type { SandboxLayer } from '../report/types.js';
import { PROJECT_ROOT, RUNTIME_DIR } from '../paths.js';
import type { BackendAccess } from './backend-access.js';
import { bubblewrapArgs, detectIsolation, hasPrlimit, nodeExecutable, permissionFlag, SANDBOX_HOME } from './layers.js';
import { FILE_SIZE_LIMIT_BYTES, type SandboxLimits } from './limits.js';
import { canWatchProcesses } from './process-tree.js';
import { collectPackageDirs } from './readable-paths.js';

export interface LaunchOptions {
  /**
   * What the backend is granted beyond the common sandbox, as its entry in the registry says
   * (grader/backend/backends/). Handed in, not looked up here: the webgpu backend starts its
   * adapter probe through this file, which therefore cannot import the registry.
   */
  access: BackendAccess;
  limits: SandboxLimits;
  /**
   * Which optional layers to put on; all by default. Turning one off is for measuring what it
   * costs (`npm run bench -- layers`), never for grading.
   */
  layers?: { isIsolated: boolean; hasPermissionModel: boolean; hasRlimits: boolean };
}

export interface SandboxLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  layers: SandboxLayer[];
}

const ALL_LAYERS = { isIsolated: true, hasPermissionModel: true, hasRlimits: true };

/** Only what a run needs from the grader's environment; nothing of the grader's own reaches it. */
function scrubbedEnv(home: string, passed: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TZ: 'UTC', HOME: home, TMPDIR: home, ...passed };
}

/** The V8 flags a runner starts with, which its startup snapshot is built with too: node 20 refuses one built under other heap flags. */
export function heapFlags(memoryMb: number): string[] {
  return [`--max-old-space-size=${memoryMb}`];
}

/** Node 20.12+ refuses native addons under the permission model unless this flag allows them. */
function addonFlags(isAddonAllowed: boolean, hasPermissionModel: boolean): string[] {
  if (!isAddonAllowed) return ['--no-addons'];
  if (!hasPermissionModel || !process.allowedNodeEnvironmentFlags.has('--allow-addons')) return [];
  // node warns that the flag weakens the permission model; the report's layers say so instead.
  return ['--allow-addons', '--disable-warning=SecurityWarning'];
}

/**
 * `script` runs with `tfjsEntry` as its argument, in `scratchDir` (its home and working directory
 * where bubblewrap does not provide a private one). With `snapshotBlob`, node starts from that
 * startup snapshot instead, whose main function runs in place of the script (see
 * grader/runtime/start-from-snapshot.ts); every layer is the same.
 */
export function buildLaunch(options: LaunchOptions, script: string, tfjsEntry: string, scratchDir: string, snapshotBlob: string | null = null): SandboxLaunch {
  const selected = options.layers ?? ALL_LAYERS;
  const isolation = selected.isIsolated ? detectIsolation() : ({ kind: 'none', detail: 'off (measurement only)' } as const);
  const { access } = options;
  const readable = [
    `${RUNTIME_DIR}/`,
    // The runner's `"type": "module"` is looked up in the package manifest.
    path.join(PROJECT_ROOT, 'package.json'),
    ...collectPackageDirs(access.packages, PROJECT_ROOT).map((d) => `${d}/`),
  ];
  const nodeArgs = [
    ...(selected.hasPermissionModel ? [permissionFlag(), ...readable.map((p) => `--allow-fs-read=${p}`)] : []),
    ...heapFlags(options.limits.memoryMb),
    ...addonFlags(access.isAddonAllowed, selected.hasPermissionModel),
    '--disable-warning=ExperimentalWarning',
    // node reads the blob as it starts, before the permission model is in force: it is bound into
    // bubblewrap's view below, and nothing in the process may read it. The script and its argument
    // stay on the command line, unrun, so that the process reads the same in `ps` and in argv.
    ...(snapshotBlob === null ? [] : ['--snapshot-blob', snapshotBlob]),
    script,
    tfjsEntry,
  ];
  // Limits the kernel enforces whatever the code does: no core dumps, few open files, small
  // files (it may write none: the permission model grants no write at all), and CPU time.
  const fileSizeLimit = access.hasMemoryFiles ? options.limits.memoryMb * 1024 * 1024 : FILE_SIZE_LIMIT_BYTES;
  const rlimits = selected.hasRlimits && hasPrlimit()
    ? ['prlimit', `--core=0`, `--nofile=256`, `--fsize=${fileSizeLimit}`, `--cpu=${options.limits.cpuSeconds}`, '--']
    : [];
  const isolating =
    isolation.kind === 'bubblewrap'
      ? ['bwrap', ...bubblewrapArgs([...readable.map((p) => p.replace(/\/$/, '')), ...(snapshotBlob === null ? [] : [snapshotBlob])], { readOnly: access.readOnly, devices: access.devices })]
      : isolation.kind === 'unshare'
        ? ['unshare', ...isolation.args]
        : [];
  const [command, ...args] = [...isolating, ...rlimits, nodeExecutable(), ...nodeArgs];
  const layers: SandboxLayer[] = [
    { name: 'process', isActive: true, detail: 'a separate process per submission, restarted after a timeout or crash' },
    { name: 'environment', isActive: true, detail: `scrubbed: only PATH, LANG, TZ, HOME and TMPDIR, pointing at a scratch directory${Object.keys(access.env).length > 0 ? `, and the backend's ${Object.keys(access.env).join(', ')}` : ''}` },
    {
      name: 'permission-model',
      isActive: selected.hasPermissionModel,
      detail: `node ${permissionFlag()}: reads only the runtime and tfjs packages, writes nothing, no child processes, no workers${access.isAddonAllowed ? ', native addons allowed for this backend' : ', no native addons'}`,
    },
    {
      name: 'rlimits',
      isActive: rlimits.length > 0,
      detail: rlimits.length > 0
        ? `prlimit: no core dumps, 256 open files, files up to ${fileSizeLimit} bytes, ${options.limits.cpuSeconds} s of CPU`
        : 'unavailable (no prlimit): only the limits enforced by the grader apply',
    },
    { name: 'namespaces', isActive: isolation.kind !== 'none', detail: isolation.detail },
    { name: 'mount-view', isActive: isolation.kind === 'bubblewrap', detail: isolation.kind === 'bubblewrap' ? 'only the system libraries, the runtime and the tfjs packages exist, read-only; /tmp and home are small private tmpfs' : 'the machine\'s file system is visible, behind the permission model' },
    { name: 'unprivileged-user', isActive: isolation.kind === 'bubblewrap', detail: isolation.kind === 'bubblewrap' ? 'runs as nobody (uid 65534)' : 'runs as the grader\'s user' },
    { name: 'time-limit', isActive: true, detail: 'wall time per check, enforced by the grader' },
    {
      name: 'memory-limit',
      isActive: true,
      detail: canWatchProcesses()
        ? `${options.limits.memoryMb} MB: V8 heap cap and resident size watched from outside`
        : `${options.limits.memoryMb} MB: V8 heap cap only (no /proc here to watch the resident size from outside)`,
    },
    { name: 'output-limit', isActive: true, detail: `${options.limits.outputBytes} bytes of stdout and stderr` },
    // What this backend was granted beyond the rest: present only when it was granted something.
    ...(access.description ? [{ name: 'backend-access', isActive: true, detail: access.description }] : []),
  ];
  const home = isolation.kind === 'bubblewrap' ? SANDBOX_HOME : scratchDir;
  return { command, args, env: scrubbedEnv(home, access.env), layers };
}
