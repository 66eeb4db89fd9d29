// Scenario 5: one file, uploaded by one client and downloaded by another through the real client
// core (FileTransfers). Measures each direction's throughput, splits it per chunk, and samples the
// room's workerd memory every ~20 ms for its peak growth. The chat-during-transfer scenario reuses it.

import type { Download } from '../../client/core/file-transfer/download';
import type { BenchFile } from '../bench-file';
import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { FilePeer } from '../file-peer';
import { RssSampler, type RssSeries, type RssWindow, rssWindow } from '../rss-sampler';
import type { DevServer } from '../server';
import { type Summary, summarise } from '../stats';
import { now, sleep, withTimeout } from '../time';

/** VmRSS sampling period, and the quiet time sampled before the offer and after the download. */
export const RSS_EVERY_MS = 20;
const BASELINE_MS = 300;
const TAIL_MS = 500;
/** The offer reaches the receiver right after file_stored; this only bounds a lost one. */
const OFFER_TIMEOUT_MS = 10_000;

export interface TransferDirection {
  seconds: number;
  /** Decimal megabytes (10^6 bytes) per second, like the issue's figures. */
  mbPerSec: number;
  /** `seconds` over the chunk count: what one chunk costs in the steady state. */
  msPerChunk: number;
  cpu: CpuShares;
}

export interface UploadTimes extends TransferDirection {
  /** file_offer sent → file_ready. */
  readyMs: number;
  /** file_offer sent → the last chunk's file_ack. */
  lastAckSec: number;
  /** Last file_ack → file_stored: the room's final SHA-256 and size check. */
  storeMs: number;
  /** Chunk handed to the channel → its file_ack, over all chunks. */
  ackMs: Summary;
}

export interface DownloadTimes extends TransferDirection {
  /** file_accept sent → the first chunk decrypted. */
  firstChunkMs: number;
  /** Between consecutive chunks at the receiver. */
  gapMs: Summary;
  /** Last chunk decrypted → SHA-256 checked by the client core. */
  verifyMs: number;
}

export interface FileTransferResult {
  bytes: number;
  /** Chunk size and window the room announced (FILE_CHUNK_BYTES and FILE_WINDOW_CHUNKS). */
  chunkBytes: number;
  window: number;
  chunks: number;
  /** The client core hashing the file before its offer (not part of the upload time). */
  hashMs: number;
  upload: UploadTimes;
  download: DownloadTimes;
  memory: {
    everyMs: number;
    /** Baseline before the offer; peak from the offer until TAIL_MS after the SHA-256 check. */
    room: RssWindow;
    /** wrangler's dev proxy, which relays every frame (absent in production). */
    proxy: RssWindow | null;
    /** The room's peak up to file_stored (the upload alone). */
    uploadPeakKiB: number;
    /** The room's samples from the baseline on: ms since the offer, and MiB. For the JSON only. */
    trace: { at: number[]; roomMiB: number[]; marks: { stored: number; accepted: number; verified: number } };
  };
  /** Socket drops of either peer during the transfer (each one paused and resumed it). */
  drops: number;
  /** The sender was told file_delivered after the receiver's file_done. */
  delivered: boolean;
}

export interface TransferHooks {
  /** The file_offer is going out: the upload clock starts. */
  offered?: () => void;
  /** file_stored: the upload is over and the download is about to start. */
  stored?: () => void;
  /** The download is verified: the transfer is over. */
  verified?: () => void;
}

function direction(seconds: number, bytes: number, chunks: number, cpu: CpuShares): TransferDirection {
  return {
    seconds,
    mbPerSec: seconds > 0 ? bytes / 1e6 / seconds : 0,
    msPerChunk: (seconds * 1000) / Math.max(1, chunks),
    cpu,
  };
}

function traceOf(
  series: RssSeries,
  from: number,
  origin: number,
  marks: { stored: number; accepted: number; verified: number },
): FileTransferResult['memory']['trace'] {
  const at: number[] = [];
  const roomMiB: number[] = [];
  const round = (x: number) => Math.round(x * 10) / 10;
  series.at.forEach((t, n) => {
    if (t < from) return;
    at.push(round(t - origin));
    roomMiB.push(round((series.kib[0]?.[n] ?? Number.NaN) / 1024));
  });
  return {
    at,
    roomMiB,
    marks: {
      stored: round(marks.stored - origin),
      accepted: round(marks.accepted - origin),
      verified: round(marks.verified - origin),
    },
  };
}

function failureOf(error: unknown, what: string): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${what}: ${typeof code === 'string' ? `${code} (${message})` : message}`);
}

/**
 * `sender` offers `file` privately to `receiver` (sealed end to end when both have keys), or to the
 * Lobby, and `receiver` accepts it as soon as the offer arrives.
 * Upload: offer → file_stored. Download: accept → bytes decrypted and SHA-256 checked by the core.
 */
export async function runFileTransfer(
  server: DevServer,
  sender: FilePeer,
  receiver: FilePeer,
  file: BenchFile,
  /** `lobby`: offered to the Lobby (everyone else in the room) instead of privately to `receiver`. */
  options: { timeoutMs: number; hooks?: TransferHooks; lobby?: boolean },
): Promise<FileTransferResult> {
  const { room, proxy } = server.workerd();
  if (!room) throw new Error("the room's workerd is not running");
  const sampler = RssSampler.start(proxy ? [room.pid, proxy.pid] : [room.pid], RSS_EVERY_MS);
  const drops = sender.drops + receiver.drops;
  const size = file.bytes.byteLength;
  const sizeText = `${(size / 2 ** 20).toFixed(1)} MiB`;
  let fileId: string | null = null;
  const upload = { offer: Number.NaN, ready: Number.NaN, acked: Number.NaN, stored: Number.NaN };
  let stopUploadCpu: (() => CpuShares) | null = null;
  const unsubscribe: (() => void)[] = [];
  try {
    await sampler.ready();
    const baselineFrom = now();
    await sleep(BASELINE_MS);

    const offered = new Promise<Download>((resolve) => {
      unsubscribe.push(
        receiver.transfers.on('offer', (offer) => {
          if (offer.offer.sha256 === file.sha256) resolve(offer);
        }),
      );
    });
    const hashFrom = now();
    const sending = sender.transfers.send(file.bytes, {
      name: file.name,
      mime: file.mime,
      ...(options.lobby ? {} : { to: receiver.name }),
    });
    unsubscribe.push(
      sending.on('phase', (phase) => {
        const at = now();
        if (phase === 'offering' && Number.isNaN(upload.offer)) {
          upload.offer = at;
          stopUploadCpu = startCpuMeter(server);
          options.hooks?.offered?.();
        } else if (phase === 'sending' && Number.isNaN(upload.ready)) upload.ready = at;
        else if (phase === 'checking') upload.acked = at;
        else if (phase === 'stored') {
          upload.stored = at;
          options.hooks?.stored?.();
        }
      }),
    );
    const delivered = sending.once('delivered');
    try {
      await withTimeout(sending.finished, options.timeoutMs, `the upload of ${sizeText}`);
    } catch (error) {
      sending.cancel();
      throw failureOf(error, 'upload');
    }
    // Set by the phase listener; TypeScript cannot see that assignment.
    const stopUpload = stopUploadCpu as (() => CpuShares) | null;
    if (!stopUpload) throw new Error('the upload finished without an offer');
    const uploadCpu = stopUpload();
    if (sending.fileId === null) throw new Error('the upload finished without a file id');
    fileId = sending.fileId;

    const download = await withTimeout(offered, OFFER_TIMEOUT_MS, 'the file offer reaching the receiver');
    const stopDownloadCpu = startCpuMeter(server);
    const acceptAt = now();
    let bytes: Uint8Array;
    try {
      bytes = await withTimeout(download.accept(), options.timeoutMs, `the download of ${sizeText}`);
    } catch (error) {
      download.cancel();
      throw failureOf(error, 'download');
    }
    const verifiedAt = now();
    const downloadCpu = stopDownloadCpu();
    options.hooks?.verified?.();
    // The core checked the SHA-256 the room relayed; check the bytes against the original too.
    if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(file.bytes)) {
      throw new Error('the downloaded file differs from the one uploaded');
    }
    download.release();
    // file_done makes the room delete the staged chunks; their memory counts too (TAIL_MS).
    const wasDelivered = await withTimeout(delivered, OFFER_TIMEOUT_MS, 'file_delivered').then(
      () => true,
      () => false,
    );
    await sleep(Math.max(0, verifiedAt + TAIL_MS - now()));
    const series = await sampler.stop();

    const sent = sender.timesOf(fileId);
    const got = receiver.timesOf(fileId);
    const chunkBytes = download.offer.chunkSize;
    const chunks = download.totalChunks;
    const ackMs: number[] = [];
    const gapMs: number[] = [];
    for (let i = 0; i < chunks; i++) {
      const acked = sent.acked[i];
      const out = sent.sent[i];
      if (acked !== undefined && out !== undefined) ackMs.push(acked - out);
      const arrived = got.arrived[i];
      const previous = got.arrived[i - 1];
      if (arrived !== undefined && previous !== undefined) gapMs.push(arrived - previous);
    }
    const roomMemory = rssWindow(series, 0, baselineFrom, upload.offer, verifiedAt + TAIL_MS);
    const firstArrival = got.arrived[0] ?? Number.NaN;
    const lastArrival = got.arrived[chunks - 1] ?? Number.NaN;
    sender.forget(fileId);
    receiver.forget(fileId);
    return {
      bytes: size,
      chunkBytes,
      window: sent.ready?.window ?? Number.NaN,
      chunks,
      hashMs: upload.offer - hashFrom,
      upload: {
        ...direction((upload.stored - upload.offer) / 1000, size, chunks, uploadCpu),
        readyMs: upload.ready - upload.offer,
        lastAckSec: (upload.acked - upload.offer) / 1000,
        storeMs: upload.stored - upload.acked,
        ackMs: summarise(ackMs),
      },
      download: {
        ...direction((verifiedAt - acceptAt) / 1000, size, chunks, downloadCpu),
        firstChunkMs: firstArrival - acceptAt,
        gapMs: summarise(gapMs),
        verifyMs: verifiedAt - lastArrival,
      },
      memory: {
        everyMs: RSS_EVERY_MS,
        room: roomMemory,
        proxy: proxy ? rssWindow(series, 1, baselineFrom, upload.offer, verifiedAt + TAIL_MS) : null,
        uploadPeakKiB: rssWindow(series, 0, baselineFrom, upload.offer, upload.stored).peakKiB,
        trace: traceOf(series, baselineFrom, upload.offer, {
          stored: upload.stored,
          accepted: acceptAt,
          verified: verifiedAt,
        }),
      },
      drops: sender.drops + receiver.drops - drops,
      delivered: wasDelivered,
    };
  } finally {
    for (const off of unsubscribe) off();
    await sampler.stop();
    if (fileId) {
      sender.forget(fileId);
      receiver.forget(fileId);
    }
  }
}
