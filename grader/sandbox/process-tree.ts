/** Resident memory and CPU time of a process and all its descendants, read from /proc (Linux). */
import fs from 'node:fs';

/**
 * Whether processes can be watched here at all: Linux with /proc mounted. Elsewhere (macOS,
 * Windows, a container without /proc) every reading below is zero, and the memory limit is the V8
 * heap cap alone.
 */
export function canWatchProcesses(): boolean {
  return fs.existsSync(`/proc/${process.pid}/status`);
}

/** /proc reports times in USER_HZ, which is 100 on every architecture Linux runs on. */
const MS_PER_TICK = 10;

function readChildren(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function readUsage(pid: number): { rssKb: number; peakRssKb: number; cpuMs: number } {
  let rssKb = 0;
  let peakRssKb = 0;
  let cpuMs = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (match) rssKb = Number(match[1]);
    // The kernel's high-water mark: a peak between two samples is not missed.
    const peak = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    peakRssKb = peak ? Number(peak[1]) : rssKb;
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpuMs = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    // Gone already.
  }
  return { rssKb, peakRssKb, cpuMs };
}

export interface TreeUsage {
  rssMb: number;
  /** The sum of each process's own peak: at least the tree's peak, at most a little above it. */
  peakRssMb: number;
  cpuMs: number;
}

export function readTreeUsage(rootPid: number): TreeUsage {
  let rssKb = 0;
  let peakRssKb = 0;
  let cpuMs = 0;
  const stack = [rootPid];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const usage = readUsage(pid);
    rssKb += usage.rssKb;
    peakRssKb += usage.peakRssKb;
    cpuMs += usage.cpuMs;
    stack.push(...readChildren(pid));
  }
  return { rssMb: rssKb / 1024, peakRssMb: peakRssKb / 1024, cpuMs };
}

/** A process and all its descendants, the root first; only the root where /proc cannot tell. */
export function listTree(rootPid: number): number[] {
  const pids: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (pids.includes(pid)) continue;
    pids.push(pid);
    stack.push(...readChildren(pid));
  }
  return pids;
}
