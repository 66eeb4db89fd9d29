// The CPU side of the report: the table of who used the CPU in each phase, and the warning when
// other processes on the machine took a large share. (Profiles are rendered by bench/lab/profiler.ts.)

import type { CpuShares } from './cpu-meter';
import { mib, type Results } from './report';
import { formatNumber as fmt, renderTable } from './table';

export function renderCpu(phases: readonly { phase: string; cpu: CpuShares }[]): string {
  return renderTable(
    [
      'Phase (CPU, % of one core)',
      'wall s',
      'workerd room',
      'workerd proxy',
      'wrangler',
      'bench',
      'other',
      'idle',
    ],
    phases.map(({ phase, cpu }) => [
      phase,
      fmt(cpu.wallSec, 1),
      `${fmt(cpu.workerdRoom)} %`,
      `${fmt(cpu.workerdProxy)} %`,
      `${fmt(cpu.wrangler)} %`,
      `${fmt(cpu.bench)} %`,
      `${fmt(cpu.other)} %`,
      `${fmt(cpu.idle)} %`,
    ]),
  );
}

export function cpuPhases(results: Results): { phase: string; cpu: CpuShares }[] {
  const phases: { phase: string; cpu: CpuShares }[] = [];
  const add = (phase: string, r: { cpu: CpuShares } | null) => {
    if (r) phases.push({ phase, cpu: r.cpu });
  };
  add(`join ${results.joinSmall?.n ?? ''}`, results.joinSmall);
  add(`latency ${results.latencySmall?.clients ?? ''}`, results.latencySmall);
  add(`join ${results.joinLarge?.n ?? ''}`, results.joinLarge);
  add(`fan-out 1 sender`, results.fanoutOne);
  add(`fan-out 10 senders`, results.fanoutTen);
  add(`latency ${results.latencyLarge?.clients ?? ''}`, results.latencyLarge);
  const file = results.fileTransfer;
  if (file) {
    phases.push({ phase: `file upload ${mib(file.bytes)}`, cpu: file.upload.cpu });
    phases.push({ phase: `file download ${mib(file.bytes)}`, cpu: file.download.cpu });
  }
  add(`chat ${results.fileChat?.clients ?? ''} + file transfers`, results.fileChat);
  return phases;
}

export function contentionWarning(results: Results): string[] {
  const phases = cpuPhases(results);
  const wall = phases.reduce((sum, p) => sum + p.cpu.wallSec, 0);
  const other = phases.reduce((sum, p) => sum + p.cpu.other * p.cpu.wallSec, 0) / Math.max(wall, 1e-9);
  return other > 25
    ? [
        `WARNING: other processes on this machine used ${fmt(other)} % of a core on average during the ` +
          'measurements; the figures above are pessimistic. Rerun on a quiet machine.',
      ]
    : [];
}
