// Reads Linux /proc: a process tree under a pid, each process's resident memory (VmRSS) and CPU
// time, and the whole machine's busy time. Used to size workerd and to split CPU between processes.

import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc CPU times (USER_HZ, 100 on Linux x86 and arm64). */
export const CLOCK_TICKS_PER_SEC = 100;

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** Executable name from /proc/<pid>/stat, e.g. "workerd" or "node". */
  comm: string;
  cmdline: string;
  rssKiB: number;
  /** User plus system CPU time, in seconds. */
  cpuSec: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** One process's figures, or null when it has gone. */
export function readProc(pid: number): ProcInfo | null {
  const stat = readText(`/proc/${pid}/stat`);
  const status = readText(`/proc/${pid}/status`);
  if (stat === null || status === null) return null;
  // The name sits in parentheses and may itself contain spaces or parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const rest = stat.slice(close + 2).split(' ');
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return {
    pid,
    ppid: Number(rest[1]),
    comm: stat.slice(open + 1, close),
    cmdline: (readText(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim(),
    rssKiB: rss ? Number(rss[1]) : 0,
    cpuSec: (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS_PER_SEC,
  };
}

/** `root` and every process below it. */
export function processTree(root: number): ProcInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(`/proc/${entry}/stat`);
    if (stat === null) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: ProcInfo[] = [];
  const todo = [root];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    const info = readProc(pid);
    if (info) out.push(info);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

export function isAlive(pid: number): boolean {
  return readText(`/proc/${pid}/stat`) !== null;
}

/** Busy and total CPU seconds of the whole machine, summed over all cores, from /proc/stat. */
export function machineCpu(): { busySec: number; totalSec: number } {
  const line = (readText('/proc/stat') ?? '').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busySec: (total - idle) / CLOCK_TICKS_PER_SEC, totalSec: total / CLOCK_TICKS_PER_SEC };
}
