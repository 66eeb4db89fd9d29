// The notes printed under the tables: how the run was made and how to read it, then per scenario
// the details behind the headline figures (where the time went, CPU per delivery or per MiB).

import type { CpuShares } from './cpu-meter';
import type { BenchOptions } from './options';
import { mib, type Results, roomGrowthMiB } from './report';
import { formatNumber as fmt } from './table';

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
