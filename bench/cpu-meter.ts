// Splits the CPU used during a phase between the room's workerd, wrangler's proxy workerd,
// wrangler's node processes, this bench process and everything else on the machine.

import { cpus } from 'node:os';
import { machineCpu } from './proc-stats';
import type { DevServer } from './server';
import { now } from './time';

export interface CpuShares {
  /** Percent of one core, averaged over the phase (200 % = both cores of a 2-core machine). */
  workerdRoom: number;
  workerdProxy: number;
  wrangler: number;
  bench: number;
  /** Other sessions' processes on the same machine. */
  other: number;
  /** Idle percent of the whole machine's capacity (cores × 100). */
  idle: number;
  wallSec: number;
  /** The room's workerd was replaced during the phase (wrangler reloaded the worker). */
  restarted: boolean;
}

interface Snapshot {
  at: number;
  roomPid: number | undefined;
  room: number;
  proxy: number;
  wrangler: number;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

function take(server: DevServer): Snapshot {
  let room = 0;
  let proxy = 0;
  let wrangler = 0;
  const { room: roomProc, proxy: proxyProc } = server.workerd();
  for (const p of server.processes()) {
    if (p.pid === roomProc?.pid) room += p.cpuSec;
    else if (p.pid === proxyProc?.pid) proxy += p.cpuSec;
    else wrangler += p.cpuSec;
  }
  const usage = process.cpuUsage();
  const machine = machineCpu();
  return {
    at: now(),
    roomPid: roomProc?.pid,
    room,
    proxy,
    wrangler,
    bench: (usage.user + usage.system) / 1e6,
    machineBusy: machine.busySec,
    machineTotal: machine.totalSec,
  };
}

/** Starts measuring; call the returned function at the end of the phase. */
export function startCpuMeter(server: DevServer): () => CpuShares {
  const start = take(server);
  return () => {
    const end = take(server);
    const wallSec = (end.at - start.at) / 1000;
    const pct = (sec: number) => (wallSec > 0 ? (100 * sec) / wallSec : 0);
    const restarted = start.roomPid !== end.roomPid;
    const room = restarted ? Number.NaN : pct(end.room - start.room);
    const proxy = pct(end.proxy - start.proxy);
    const wrangler = pct(end.wrangler - start.wrangler);
    const bench = pct(end.bench - start.bench);
    const busy = pct(end.machineBusy - start.machineBusy);
    const capacity = 100 * cpus().length;
    const totalPct = wallSec > 0 ? (100 * (end.machineTotal - start.machineTotal)) / wallSec : capacity;
    const idle = Math.max(0, Math.min(capacity, totalPct - busy));
    return {
      workerdRoom: room,
      workerdProxy: proxy,
      wrangler,
      bench,
      other: Math.max(0, busy - (restarted ? 0 : room) - proxy - wrangler - bench),
      idle,
      wallSec,
      restarted,
    };
  };
}
