// `--rooms`: the table of bench/rooms.ts's two systems, window by window, with who used the CPU and
// the load average, and what each column means. Unit-tested in test/unit/bench/rooms-report.test.ts.

import type { RoomsSystemRun, RoomsWindowRun } from './rooms';
import { DRAIN_MS } from './rooms-load';
import { formatNumber as fmt, renderTable } from './table';

export function systemName(run: Pick<RoomsSystemRun, 'rooms' | 'perRoom'>): string {
  return `${fmt(run.rooms)} room${run.rooms === 1 ? '' : 's'} × ${fmt(run.perRoom)}`;
}

function load(run: Pick<RoomsSystemRun, 'rooms'>, w: RoomsWindowRun): string {
  if (w.inFlightPerRoom !== null) return `${w.inFlightPerRoom} in flight/room`;
  const rate = w.ratePerRoom ?? 0;
  return run.rooms === 1 ? `${fmt(rate)} msg/s` : `${fmt(rate * run.rooms)} msg/s (${fmt(rate)}/room)`;
}

/** The room workerd's CPU over the window per copy received, in µs: less sensitive to contention than rates. */
export function workerdUsPerCopy(w: RoomsWindowRun): number {
  const { cpu, result } = w.window;
  return result.received > 0 ? ((cpu.workerdRoom / 100) * cpu.wallSec * 1e6) / result.received : Number.NaN;
}

const ms = (value: number) => (Number.isFinite(value) ? `${fmt(value, 1)} ms` : '—');
const pct = (value: number) => `${fmt(value)} %`;

export function renderRooms(runs: readonly RoomsSystemRun[]): string {
  const rows = runs.flatMap((run) =>
    run.windows.map((w) => {
      const { result, cpu } = w.window;
      return [
        systemName(run),
        w.name,
        load(run, w),
        `${fmt(result.received)}/${fmt(result.expected)}`,
        fmt(result.missing),
        fmt(result.seconds > 0 ? w.window.sent / result.seconds : 0),
        fmt(result.deliveriesPerSec),
        ms(result.latency.p50),
        ms(result.latency.p99),
        run.rooms > 1 ? ms(result.worstRoomP99) : '—',
        fmt(workerdUsPerCopy(w), 1),
        pct(cpu.workerdRoom),
        pct(cpu.workerdProxy),
        pct(cpu.bench),
        pct(cpu.other),
        fmt(w.window.load1, 2),
      ];
    }),
  );
  const table = renderTable(
    [
      'System',
      'Window',
      'Load',
      'Copies',
      'Missing',
      'Msgs/s',
      'Deliveries/s',
      'p50',
      'p99',
      'Worst room p99',
      'workerd µs/copy',
      'workerd',
      'proxy',
      'bench',
      'other',
      'Load 1m',
    ],
    rows,
  );
  const systems = runs.map(
    (run) =>
      `- ${systemName(run)}: joined in ${fmt(run.joinSec, 1)} s; rosters showing another room's members: ` +
      `${run.rosterLeaks}; copies from another room: ${run.windows.reduce((n, w) => n + w.window.foreign, 0)}; ` +
      `client problems: ${run.clientProblems}; room internal errors: ${run.internalErrors}`,
  );
  return [
    table,
    '',
    ...systems,
    '- Every room of a system runs in one workerd (one wrangler dev per system, fresh). Copies: each',
    "  other member's copy of each message. Deliveries/s: copies received over first send to last copy.",
    "- same send rate: open loop, the one room at the many rooms' total rate (so it makes about as",
    '  many times more copies as there are rooms); same deliveries/s: the many rooms at the rate that',
    "  makes about the one room's copies a second. p50/p99: send to each copy, over all rooms together.",
    '- closed loop: in every room at once, one sender keeps N messages in flight, the next going when',
    '  every other member has one; the copies in flight are the same in both systems.',
    "- workerd µs/copy: the room workerd's CPU over the window per copy received (every room's share).",
    "- workerd/proxy/bench/other: % of one core over the window (the room workerd, wrangler's proxy",
    "  workerd, this bench process, everything else); Load 1m: the load average at the window's end.",
  ].join('\n');
}

/** Lines that make a run invalid: lost copies, leaks between rooms, refused clients, room errors. */
export function roomsFailures(runs: readonly RoomsSystemRun[]): string[] {
  const failures: string[] = [];
  for (const run of runs) {
    const name = systemName(run);
    if (run.rosterLeaks > 0)
      failures.push(`${name}: ${run.rosterLeaks} rosters showed another room's members`);
    for (const w of run.windows) {
      if (w.window.foreign > 0)
        failures.push(`${name}, ${w.name}: ${w.window.foreign} copies from another room`);
      if (w.window.result.missing > 0)
        failures.push(
          `${name}, ${w.name}: ${w.window.result.missing} copies not there ${DRAIN_MS / 1000} s after the last send`,
        );
    }
    if (run.clientProblems > 0) failures.push(`${name}: ${run.clientProblems} client problems`);
    if (run.internalErrors > 0) failures.push(`${name}: ${run.internalErrors} room internal errors`);
  }
  return failures;
}
