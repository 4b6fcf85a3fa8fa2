/**
 * Which operating-system layers this machine can put around a run. Probed once per grader process
 * by trying them on `true`, because what works depends on the kernel, the user and the container.
 */
import { spawnSync } from 'node:child_process';

export interface NamespaceSupport {
  /** The `unshare` arguments that worked, or null where none did. */
  unshareArgs: string[] | null;
  detail: string;
}

let cached: NamespaceSupport | undefined;

export function detectNamespaces(): NamespaceSupport {
  if (cached) return cached;
  const candidates: Array<{ args: string[]; detail: string }> = [
    { args: ['--net', '--pid', '--fork', '--kill-child'], detail: 'unshare: private network and PID namespaces' },
    {
      args: ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'],
      detail: 'unshare in an unprivileged user namespace: private network and PID namespaces',
    },
  ];
  for (const candidate of candidates) {
    const probe = spawnSync('unshare', [...candidate.args, 'true'], { stdio: 'ignore', timeout: 5000 });
    if (probe.status === 0) {
      cached = { unshareArgs: candidate.args, detail: candidate.detail };
      return cached;
    }
  }
  cached = {
    unshareArgs: null,
    detail: 'unavailable here (no unshare, or user namespaces are disabled): network access is not blocked by the OS',
  };
  return cached;
}

/** Node 22.13+ and 23.5+ call the permission flag `--permission`; older releases `--experimental-permission`. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

let prlimitCached: boolean | undefined;

/** util-linux's `prlimit`, which sets resource limits on the process it starts. */
export function hasPrlimit(): boolean {
  prlimitCached ??= spawnSync('prlimit', ['--version'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  return prlimitCached;
}
