/**
 * Which operating-system layers this machine can put around a run. Probed once per grader process
 * by trying them on `true`, because what works depends on the kernel, the user and the container.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** How the runner is cut off from the machine, best first. */
export type Isolation =
  | { kind: 'bubblewrap'; detail: string }
  | { kind: 'unshare'; args: string[]; detail: string }
  | { kind: 'none'; detail: string };

/** Inside bubblewrap, the runner's home, working and temporary directory: a small private tmpfs. */
export const SANDBOX_HOME = '/sandbox';
const TMPFS_BYTES = 16 * 1024 * 1024;
/** `nobody`: the runner owns no file on the machine. */
const NOBODY = '65534';

/**
 * The system part of the runner's view: /usr read-only (node and the C libraries it links), the
 * top-level links of a merged-/usr system or the directories themselves, and node's own prefix
 * when it lives elsewhere (nvm, a tarball in /opt).
 */
function systemBinds(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(top);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(top), top);
    else if (stat.isDirectory()) args.push('--ro-bind', top, top);
  }
  return args;
}

let nodeCached: string | undefined;

/**
 * The node binary the grader runs on, as an absolute path: what every process it starts runs on.
 * `process.execPath` is one, except on Linux without /proc (a container, a chroot), where node
 * cannot read its own location and gives the name it was started by: that name is looked up on
 * the PATH, as the shell found it.
 */
export function nodeExecutable(): string {
  if (nodeCached) return nodeCached;
  let found = process.execPath;
  if (!path.isAbsolute(found)) {
    const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.resolve(dir, found));
    found = onPath.find((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile() === true) ?? path.resolve(found);
  }
  nodeCached = found;
  return found;
}

/** Node's own installation, where it is not under /usr (nvm, a tarball, a CI's tool cache). Bound
 * after the private /tmp, which would otherwise hide a node kept there. */
function nodeBinds(): string[] {
  const node = fs.realpathSync(nodeExecutable());
  if (node.startsWith('/usr/')) return [];
  const prefix = path.dirname(path.dirname(node));
  return ['--ro-bind', prefix, prefix];
}

/**
 * bubblewrap's arguments: every namespace, nobody's uid, and only `readable` besides the system.
 * `granted` is what a backend needs beyond that (backend-access.ts): driver files outside /usr,
 * read-only, and GPU device nodes.
 */
export function bubblewrapArgs(readable: string[], granted: { readOnly: string[]; devices: string[] } = { readOnly: [], devices: [] }): string[] {
  return [
    '--unshare-all',
    '--uid', NOBODY,
    '--gid', NOBODY,
    '--die-with-parent',
    '--new-session',
    ...systemBinds(),
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(TMPFS_BYTES), '--tmpfs', '/tmp',
    '--size', String(TMPFS_BYTES), '--tmpfs', SANDBOX_HOME,
    '--chdir', SANDBOX_HOME,
    ...nodeBinds(),
    ...readable.flatMap((p) => ['--ro-bind', p, p]),
    ...granted.readOnly.flatMap((p) => ['--ro-bind-try', p, p]),
    // After `--dev`, which made a minimal /dev: the device nodes are added into it.
    ...granted.devices.flatMap((p) => ['--dev-bind-try', p, p]),
    '--',
  ];
}

let cached: Isolation | undefined;

/** Tried on `true` once per grader process: what works depends on the kernel, the user and the container. */
export function detectIsolation(): Isolation {
  if (cached) return cached;
  const bwrap = spawnSync('bwrap', [...bubblewrapArgs([]), 'true'], { stdio: 'ignore', timeout: 5000 });
  if (bwrap.status === 0) {
    cached = {
      kind: 'bubblewrap',
      detail: 'bubblewrap: its own mount view (system libraries, the runtime and the tfjs packages, read-only), no network, private PID, IPC and UTS namespaces, running as nobody',
    };
    return cached;
  }
  const candidates: Array<{ args: string[]; detail: string }> = [
    { args: ['--net', '--pid', '--fork', '--kill-child'], detail: 'unshare: private network and PID namespaces (bubblewrap not available: the file system is shared, behind the permission model)' },
    {
      args: ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'],
      detail: 'unshare in an unprivileged user namespace: private network and PID namespaces (bubblewrap not available)',
    },
  ];
  for (const candidate of candidates) {
    const probe = spawnSync('unshare', [...candidate.args, 'true'], { stdio: 'ignore', timeout: 5000 });
    if (probe.status === 0) {
      cached = { kind: 'unshare', args: candidate.args, detail: candidate.detail };
      return cached;
    }
  }
  cached = {
    kind: 'none',
    detail: 'unavailable here (no bubblewrap or unshare, or user namespaces are disabled): the network and the file system are not cut off by the OS',
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

/** What `--sandbox strict` needs and this machine lacks, each with how to get it; empty when all is there. */
export function missingForStrict(): string[] {
  const missing: string[] = [];
  if (detectIsolation().kind !== 'bubblewrap') {
    missing.push('bubblewrap, working here (install it: apt-get install bubblewrap; it needs root or unprivileged user namespaces)');
  }
  if (!hasPrlimit()) missing.push('prlimit (part of util-linux)');
  return missing;
}
