// Turns scenario results into the two printed tables (results against targets, CPU by phase)
// and the notes that explain how to read them.

import type { CpuShares } from './cpu-meter';
import type { BenchOptions } from './options';
import type { HotFunction } from './profiler';
import { conversationRows } from './report-conversation';
import type { ChatDuringTransferResult } from './scenarios/chat-during-transfer';
import type { FanoutResult } from './scenarios/fanout';
import type { FileTransferResult } from './scenarios/file-transfer';
import type { HistoryResult } from './scenarios/history';
import type { JoinResult } from './scenarios/join';
import type { LatencyResult } from './scenarios/latency';
import type { MemoryResult } from './scenarios/memory';
import type { TypingResult } from './scenarios/typing';
import { formatNumber as fmt, type Row, renderTable, type Verdict } from './table';
import { TARGETS, type Target } from './targets';

export interface Results {
  joinSmall: JoinResult | null;
  latencySmall: LatencyResult | null;
  joinLarge: JoinResult | null;
  memory: MemoryResult | null;
  fanoutOne: FanoutResult | null;
  fanoutTen: FanoutResult | null;
  latencyLarge: LatencyResult | null;
  /** A small file sent first: the room's one-time costs (R2, file-type, compiled code). */
  fileWarmup: FileTransferResult | null;
  /** A file sent from one client to another in a quiet room. */
  fileTransfer: FileTransferResult | null;
  /** The same file again, with a chat group talking meanwhile. */
  fileChat: ChatDuringTransferResult | null;
  /** Typing signals from many typists in the large group (issue 4). */
  typing: TypingResult | null;
  /** A newcomer fetching 500 history messages (issue 5). */
  history: HistoryResult | null;
}

/** How a run's scale reads in Target.scale: "1000 clients", "25 MiB", "20 clients, 25 MiB". */
export function scaleOf(parts: { clients?: number; bytes?: number }): string {
  const out: string[] = [];
  if (parts.clients !== undefined) out.push(`${parts.clients} clients`);
  if (parts.bytes !== undefined) out.push(mib(parts.bytes));
  return out.join(', ');
}

function mib(bytes: number): string {
  return `${fmt(bytes / 2 ** 20, bytes % 2 ** 20 === 0 ? 0 : 1)} MiB`;
}

function verdict(target: Target, scale: string, value: number | null | undefined): Verdict {
  if (value === null || value === undefined || Number.isNaN(value) || scale !== target.scale) return 'n/a';
  return target.pass(value) ? 'pass' : 'FAIL';
}

/** A table row; `value` is judged against `target` only when the run's `scale` is the target's. */
function row(metric: string, result: string, target?: Target, scale = '', value?: number | null): Row {
  return {
    metric,
    result,
    target: target?.text ?? '—',
    reference: target?.reference ?? '—',
    verdict: target ? verdict(target, scale, value) : 'n/a',
  };
}

function joinRows(join: JoinResult | null, n: number, target?: Target): Row[] {
  const label = `${fmt(n)} clients`;
  if (!join) return [row(`Join: ${label} (key exchange + joined)`, 'not measured', target)];
  const failed = join.failed > 0 ? ` (${join.failed} failed: ${join.firstError})` : '';
  return [
    row(
      `Join: ${label} (key exchange + joined)`,
      `${fmt(join.joinSec, 2)} s${failed}`,
      target,
      join.failed === 0 ? scaleOf({ clients: join.n }) : '',
      join.joinSec,
    ),
    row(
      `Join: ${label}, until every roster shows ${fmt(n)}`,
      join.rosterSec === null ? 'not reached' : `${fmt(join.rosterSec, 2)} s`,
    ),
  ];
}

function fanoutRow(fanout: FanoutResult | null, label: string): Row {
  if (!fanout) return row(`Fan-out: ${label}`, 'not measured', TARGETS.fanout);
  const missing = fanout.missing > 0 ? `, ${fmt(fanout.missing)} copies missing` : '';
  return row(
    `Fan-out: ${label}, ${fmt(fanout.clients)} clients`,
    `${fmt(fanout.deliveriesPerSec)} deliveries/s (${fmt(fanout.messagesPerSec, 1)} msg/s${missing})`,
    TARGETS.fanout,
    scaleOf({ clients: fanout.clients }),
    fanout.missing > 0 ? 0 : fanout.deliveriesPerSec,
  );
}

function latencyRow(latency: LatencyResult | null, n: number, target: Target): Row {
  if (!latency) return row(`Latency: ${fmt(n)} clients`, 'not measured', target);
  const missing =
    latency.received < latency.expected ? `, ${fmt(latency.expected - latency.received)} missing` : '';
  return row(
    `Latency: ${fmt(latency.clients)} clients, ${latency.ratePerSec} msg/s, ${latency.seconds} s`,
    `p50 ${fmt(latency.all.p50, 1)} ms, p99 ${fmt(latency.all.p99, 1)} ms (max ${fmt(latency.all.max)} ms${missing})`,
    target,
    scaleOf({ clients: latency.clients }),
    latency.received < latency.expected ? Number.POSITIVE_INFINITY : latency.all.p99,
  );
}

export function resultRows(results: Results, options: BenchOptions): Row[] {
  const memory = results.memory;
  const files = options.fileBytes > 0 ? fileRows(results, options) : [];
  if (options.filesOnly) return files;
  return [
    ...joinRows(results.joinSmall, options.smallN),
    ...joinRows(results.joinLarge, options.largeN, TARGETS.join),
    fanoutRow(results.fanoutOne, '1 sender'),
    fanoutRow(results.fanoutTen, '10 senders'),
    latencyRow(results.latencySmall, options.smallN, TARGETS.p99Small),
    latencyRow(results.latencyLarge, options.largeN, TARGETS.p99Large),
    memory
      ? row(
          `workerd RSS per client at ${fmt(memory.clients)} clients`,
          `${fmt(memory.roomKiBPerClient)} KiB (+${fmt(memory.proxyKiBPerClient)} KiB in wrangler's proxy)`,
          TARGETS.memory,
          scaleOf({ clients: memory.clients }),
          memory.roomKiBPerClient,
        )
      : row('workerd RSS per client', 'not measured', TARGETS.memory),
    ...conversationRows(results.typing, results.history, results.fanoutOne),
    ...files,
  ];
}

function roomGrowthMiB(t: FileTransferResult): number {
  return (t.memory.room.peakKiB - t.memory.room.beforeKiB) / 1024;
}

function fileRows(results: Results, options: BenchOptions): Row[] {
  const t = results.fileTransfer;
  const size = mib(t?.bytes ?? options.fileBytes);
  const scale = scaleOf({ bytes: t?.bytes ?? options.fileBytes });
  const rows: Row[] = [];
  if (t) {
    const { upload: up, download: down, memory } = t;
    const growth = roomGrowthMiB(t);
    const proxyGrowth = memory.proxy ? (memory.proxy.peakKiB - memory.proxy.beforeKiB) / 1024 : Number.NaN;
    const warm = results.fileWarmup;
    const cold = warm
      ? `; the ${mib(warm.bytes)} warm-up before it: +${fmt(roomGrowthMiB(warm), 1)} MiB`
      : '';
    rows.push(
      row(
        `File upload: ${size}, file_offer → file_stored`,
        `${fmt(up.mbPerSec, 1)} MB/s (${fmt(up.seconds, 2)} s)`,
        TARGETS.fileUpload,
        scale,
        t.drops > 0 ? Number.NaN : up.mbPerSec,
      ),
      row(
        `File download: ${size}, file_accept → SHA-256 verified`,
        `${fmt(down.mbPerSec, 1)} MB/s (${fmt(down.seconds, 2)} s)`,
        TARGETS.fileDownload,
        scale,
        t.drops > 0 ? Number.NaN : down.mbPerSec,
      ),
      row(
        `workerd RSS growth during the ${size} transfer (peak − before)`,
        `${fmt(growth, 1)} MiB (${fmt(memory.room.beforeKiB / 1024)} → ${fmt(memory.room.peakKiB / 1024)} MiB, ` +
          `+${fmt((memory.uploadPeakKiB - memory.room.beforeKiB) / 1024, 1)} MiB by file_stored; ` +
          `proxy +${fmt(proxyGrowth, 1)} MiB${cold})`,
        TARGETS.fileMemory,
        scale,
        growth,
      ),
      row(
        `File chunks: FILE_CHUNK_BYTES × window, time per chunk`,
        `${fmt(t.chunkBytes / 1024)} KiB × ${t.window}; ${t.chunks} chunks: upload ${fmt(up.msPerChunk, 1)} ms ` +
          `(ack p50 ${fmt(up.ackMs.p50, 1)} ms after send), download ${fmt(down.msPerChunk, 1)} ms`,
      ),
    );
  } else {
    rows.push(
      row(`File upload: ${size}`, 'not measured', TARGETS.fileUpload),
      row(`File download: ${size}`, 'not measured', TARGETS.fileDownload),
      row(`workerd RSS growth during a ${size} transfer`, 'not measured', TARGETS.fileMemory),
    );
  }
  const c = results.fileChat;
  const bytes = c?.transfers[0]?.bytes;
  if (c && bytes !== undefined) {
    const missing = c.received < c.expected ? `, ${fmt(c.expected - c.received)} missing` : '';
    rows.push(
      row(
        `Chat latency during ${c.transfers.length} × ${mib(bytes)} up + down (${fmt(c.seconds, 1)} s): ` +
          `${c.clients} clients, ${c.ratePerSec} msg/s`,
        `p50 ${fmt(c.all.p50, 1)} ms, p99 ${fmt(c.all.p99, 1)} ms (max ${fmt(c.all.max)} ms, ` +
          `${fmt(c.all.count)} copies${missing})`,
        TARGETS.fileChatP99,
        scaleOf({ clients: c.clients, bytes }),
        c.received < c.expected ? Number.POSITIVE_INFINITY : c.all.p99,
      ),
    );
  } else {
    rows.push(
      row(
        `Chat latency during a ${size} transfer: ${options.fileChatClients} clients`,
        'not measured',
        TARGETS.fileChatP99,
      ),
    );
  }
  return rows;
}

export function renderResults(rows: readonly Row[]): string {
  return renderTable(
    ['Metric', 'Result', 'Target', 'Reference', 'Verdict'],
    rows.map((r) => [r.metric, r.result, r.target, r.reference, r.verdict]),
  );
}

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

/** CPU milliseconds per MiB moved, by process, for one direction of a transfer. */
function cpuPerMiB(cpu: CpuShares, bytes: number): { room: number; proxy: number; bench: number } {
  const ms = (percent: number) => (percent * cpu.wallSec * 10) / (bytes / 2 ** 20);
  return { room: ms(cpu.workerdRoom), proxy: ms(cpu.workerdProxy), bench: ms(cpu.bench) };
}

export function fileDetail(results: Results): string[] {
  const lines: string[] = [];
  const t = results.fileTransfer;
  if (t) {
    const { upload: up, download: down } = t;
    const windowBytes = t.window * t.chunkBytes;
    lines.push(
      `upload of ${mib(t.bytes)} (the client core hashed it in ${fmt(t.hashMs)} ms before the offer): ` +
        `offer → file_ready ${fmt(up.readyMs, 1)} ms; each chunk acknowledged p50 ${fmt(up.ackMs.p50, 1)} ms / ` +
        `p99 ${fmt(up.ackMs.p99, 1)} ms after it was sent; last ack at ${fmt(up.lastAckSec, 2)} s; ` +
        `last ack → file_stored ${fmt(up.storeMs, 1)} ms (the room's final SHA-256 check). With ` +
        `${t.window} × ${fmt(t.chunkBytes / 1024)} KiB in flight and that ack time, the window alone allows ` +
        `~${fmt(up.ackMs.p50 > 0 ? windowBytes / 1e6 / (up.ackMs.p50 / 1000) : 0, 1)} MB/s.`,
      `download of ${mib(t.bytes)}: accept → first chunk ${fmt(down.firstChunkMs, 1)} ms; chunks arrived ` +
        `every p50 ${fmt(down.gapMs.p50, 1)} ms / p99 ${fmt(down.gapMs.p99, 1)} ms; last chunk → SHA-256 ` +
        `verified by the client core ${fmt(down.verifyMs, 1)} ms; the bytes matched the original.`,
    );
    for (const [name, cpu] of [
      ['upload', up.cpu],
      ['download', down.cpu],
    ] as const) {
      const per = cpuPerMiB(cpu, t.bytes);
      lines.push(
        `file ${name}: CPU per MiB ${fmt(per.room, 1)} ms in the room's workerd (with local R2), ` +
          `${fmt(per.proxy, 1)} ms in wrangler's proxy, ${fmt(per.bench, 1)} ms in the bench clients; ` +
          `the room alone on one core would move ~${fmt(per.room > 0 ? 1000 / per.room / (1e6 / 2 ** 20) : 0)} MB/s`,
      );
    }
    lines.push(
      `workerd VmRSS sampled every ${t.memory.everyMs} ms from a worker thread: ${t.memory.room.samples} samples ` +
        `over the transfer, longest gap ${fmt(t.memory.room.maxGapMs)} ms; baseline = mean over 300 ms before the offer.`,
    );
    if (t.drops > 0)
      lines.push(`WARNING: a file client's socket dropped ${t.drops} time(s); the transfer resumed.`);
  }
  const c = results.fileChat;
  if (c) {
    const range = (values: number[]) => `${fmt(Math.min(...values), 1)}–${fmt(Math.max(...values), 1)}`;
    lines.push(
      `chat during the transfers: messages sent during an upload p50 ${fmt(c.duringUpload.p50, 1)} ms / ` +
        `p99 ${fmt(c.duringUpload.p99, 1)} ms, during a download p50 ${fmt(c.duringDownload.p50, 1)} ms / ` +
        `p99 ${fmt(c.duringDownload.p99, 1)} ms; at the file's own sender and receiver, whose sockets carry the ` +
        `chunks, p50 ${fmt(c.transferring.p50, 1)} ms / p99 ${fmt(c.transferring.p99, 1)} ms` +
        (c.transferringMissing > 0 ? ` (${fmt(c.transferringMissing)} missing)` : '') +
        `; meanwhile the file went up at ${range(c.transfers.map((t) => t.upload.mbPerSec))} MB/s and down at ` +
        `${range(c.transfers.map((t) => t.download.mbPerSec))} MB/s, and workerd grew by ` +
        `${range(c.transfers.map(roomGrowthMiB))} MiB per transfer (after the first one's high-water mark)`,
    );
  }
  return lines;
}

export function latencyDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const latency of [results.latencySmall, results.latencyLarge]) {
    if (!latency) continue;
    lines.push(
      `latency at ${fmt(latency.clients)} clients: first receiver p50 ${fmt(latency.firstReceiver.p50, 1)} ms / ` +
        `p99 ${fmt(latency.firstReceiver.p99, 1)} ms; last receiver p50 ${fmt(latency.lastReceiver.p50, 1)} ms / ` +
        `p99 ${fmt(latency.lastReceiver.p99, 1)} ms (the gap is the time one fan-out takes)`,
    );
  }
  return lines;
}

export function joinDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const join of [results.joinSmall, results.joinLarge]) {
    if (!join) continue;
    const roomCpuSec = (join.cpu.workerdRoom * join.cpu.wallSec) / 100;
    lines.push(
      `join ${fmt(join.n)} (${join.concurrency} handshakes in flight): clients decrypted ${fmt(join.presenceFrames)} ` +
        `presence frames (${fmt(join.presenceFrames / Math.max(1, join.joined), 1)} per client); ` +
        `the room's workerd used ${fmt(roomCpuSec, 1)} CPU s`,
    );
  }
  return lines;
}

export function fanoutDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const fanout of [results.fanoutOne, results.fanoutTen]) {
    if (!fanout) continue;
    const { room, proxy, bench } = fanout.cpuUsPerDelivery;
    lines.push(
      `fan-out with ${fanout.senders} sender(s): CPU per delivery ${fmt(room, 1)} µs in the room's workerd, ` +
        `${fmt(proxy, 1)} µs in wrangler's proxy, ${fmt(bench, 1)} µs in the bench clients; ` +
        `one core for the room alone would sustain ~${fmt(room > 0 ? 1e6 / room : 0)} deliveries/s`,
    );
  }
  return lines;
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

export function notes(options: BenchOptions, cores: number): string[] {
  return [
    `The load generator (this Node process, which also decrypts every copy) shares the ${cores} cores with workerd, ` +
      'so figures are a floor for the server alone; see the CPU table for who used what.',
    'wrangler dev relays every frame through a second workerd (its dev proxy); production has no such hop. Its CPU and memory are shown apart.',
    options.deflate
      ? "Clients offer permessage-deflate as browsers do (--deflate), and wrangler dev's local proxy accepts it: " +
        'every encrypted frame is deflated for nothing. The room itself sets no_web_socket_compression.'
      : 'Clients do not offer permessage-deflate: the room sets no_web_socket_compression (ciphertext does not ' +
        "compress), which only wrangler dev's local proxy ignores. --deflate measures that local case.",
    options.lean
      ? 'COMPARISON RUN (--lean-clients): receivers open frames with node:crypto, not the client core.'
      : 'Every client is the real client core (SecureChannel): it decrypts and schema-checks every frame.',
    'Deliveries/s counts copies decrypted by receivers other than the sender.',
    'Latency is send call → that receiver has decrypted it, on one monotonic clock in this process.',
    'Reference: the plain chat demo for chat rows; the file-sharing system being replaced for file rows.',
    ...(options.fileBytes > 0
      ? [
          'File transfers use the client core (ChatClient + FileTransfers) over ws: a private file from one ' +
            'client to another, accepted on arrival; MB/s = 10^6 bytes/s. R2 is local (miniflare, inside the ' +
            "room's workerd), so its CPU and memory count as the room's.",
        ]
      : []),
    ...(options.wranglerConfig ? [`COMPARISON RUN: worker variant from ${options.wranglerConfig}.`] : []),
    ...(options.gcProbe
      ? [
          "ANALYSIS RUN (--gc-probe): the room's isolate was made to collect garbage every 50 ms during the " +
            'warm-up and the quiet file transfer; their memory growth is what they keep alive, and their ' +
            'throughput is not a valid measurement.',
        ]
      : []),
    ...(options.quick
      ? ['--quick: group and file sizes differ from the targets, so there is no verdict.']
      : []),
  ];
}

export function renderProfile(phase: string, file: string, hot: readonly HotFunction[]): string {
  const table = renderTable(
    ['Self time', '%', 'Function', 'Where'],
    hot.map((h) => [`${fmt(h.selfMs)} ms`, `${fmt(h.percent, 1)} %`, h.name, h.where]),
  );
  return `V8 profile of the room's isolate during "${phase}" (${file}):\n${table}`;
}
