// Turns scenario results into the results table: each metric against its target, with a verdict
// only at the target's scale. The CPU table is in report-cpu.ts, the notes under both in report-notes.ts.

import type { BenchOptions } from './options';
import { conversationRows } from './report-conversation';
import { eventFanoutRow } from './report-events';
import { type PrivateFileResult, privateRows } from './report-private';
import type { ChatDuringTransferResult } from './scenarios/chat-during-transfer';
import type { FanoutResult } from './scenarios/fanout';
import type { EventFanoutResult } from './scenarios/fanout-events';
import type { FileTransferResult } from './scenarios/file-transfer';
import type { HistoryResult } from './scenarios/history';
import type { JoinResult } from './scenarios/join';
import type { LatencyResult } from './scenarios/latency';
import type { MemoryResult } from './scenarios/memory';
import type { PrivateChatResult } from './scenarios/private-chat';
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
  /** One sender again, one operation in ten an edit or a reaction (issue 13). */
  fanoutEvents: EventFanoutResult | null;
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
  /** Private messages sealed end to end next to Lobby messages, among the small group (issue 12). */
  privateChat: PrivateChatResult | null;
  /** A sealed private file next to a Lobby file of the same size (issue 12). */
  privateFile: PrivateFileResult | null;
}

/** How a run's scale reads in Target.scale: "1000 clients", "25 MiB", "20 clients, 25 MiB". */
export function scaleOf(parts: { clients?: number; bytes?: number }): string {
  const out: string[] = [];
  if (parts.clients !== undefined) out.push(`${parts.clients} clients`);
  if (parts.bytes !== undefined) out.push(mib(parts.bytes));
  return out.join(', ');
}

/** A size as the tables and notes print it: "25 MiB", "0.5 MiB". */
export function mib(bytes: number): string {
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
  const sealed = privateRows(results.privateChat, results.privateFile, row, {
    chat: scaleOf({ clients: options.smallN }),
    file: scaleOf({ bytes: options.fileBytes }),
  });
  if (options.privateOnly) return sealed;
  if (options.filesOnly) return [...files, ...(results.privateFile ? sealed.slice(-1) : [])];
  return [
    ...joinRows(results.joinSmall, options.smallN),
    ...joinRows(results.joinLarge, options.largeN, TARGETS.join),
    fanoutRow(results.fanoutOne, '1 sender'),
    fanoutRow(results.fanoutTen, '10 senders'),
    eventFanoutRow(results.fanoutEvents, results.fanoutOne),
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
    ...sealed,
  ];
}

/** How much the room's workerd grew during a transfer (peak − before), in MiB. */
export function roomGrowthMiB(t: FileTransferResult): number {
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
