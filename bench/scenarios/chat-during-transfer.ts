// Scenario 6: chat latency while a file transfer runs. A group of chat clients shares the room with
// the file's sender and receiver; one chat client sends `ratePerSec` messages per second from each
// file_offer until that download is verified. The transfer repeats until the chat has run for
// `minMs`, so the p99 rests on enough samples. Each sample is send call → that receiver decrypted it.

import type { BenchFile } from '../bench-file';
import type { ClientGroup } from '../clients';
import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { FilePeer } from '../file-peer';
import type { DevServer } from '../server';
import { type Summary, summarise } from '../stats';
import { now, sleep, waitUntil } from '../time';
import { type FileTransferResult, runFileTransfer } from './file-transfer';
import { messageText, parseSeq } from './message-text';

export interface ChatDuringTransferResult {
  /** Chat clients in the group (the sender among them). */
  clients: number;
  ratePerSec: number;
  /** Each one an upload then a download of the same file. */
  transfers: FileTransferResult[];
  /** Time with a transfer under way (offer → verified), summed: the chat ran only then. */
  seconds: number;
  sent: number;
  /** Copies due at the chat clients other than the sender. */
  expected: number;
  received: number;
  /** Those copies: the target. */
  all: Summary;
  /** The same copies, split by what the transfer was doing when the message was sent. */
  duringUpload: Summary;
  duringDownload: Summary;
  /** Copies at the file's sender and receiver, whose sockets also carry the chunks. */
  transferring: Summary;
  transferringMissing: number;
  /** From the first offer until the last copy arrived, gaps between transfers included. */
  cpu: CpuShares;
}

const UPLOAD = 0;
const DOWNLOAD = 1;

export async function runChatDuringTransfer(
  server: DevServer,
  group: ClientGroup,
  peers: { sender: FilePeer; receiver: FilePeer },
  file: BenchFile,
  options: {
    ratePerSec: number;
    /** Keep sending the file until the chat has run this long (at least one transfer)… */
    minMs: number;
    /** …but never more than this many times. */
    maxTransfers: number;
    timeoutMs: number;
    drainTimeoutMs: number;
    tag: string;
  },
): Promise<ChatDuringTransferResult> {
  const chatSender = group.clients[0];
  if (!chatSender) throw new Error('no chat clients joined');
  const receivers = group.clients.length - 1;
  // Bounded by the transfers' own timeouts: each an upload and a download of at most timeoutMs.
  const maxMessages = Math.ceil((options.ratePerSec * 2 * options.timeoutMs * options.maxTransfers) / 1000);
  const sentAt = new Float64Array(maxMessages).fill(Number.NaN);
  const sentDuring = new Uint8Array(maxMessages);
  const samples = new Float64Array(maxMessages * receivers);
  const sampleDuring = new Uint8Array(maxMessages * receivers);
  const peerSamples = new Float64Array(maxMessages * 2);
  let received = 0;
  let peerReceived = 0;
  let sent = 0;
  let during = UPLOAD;
  let sending = false;
  let pumping: Promise<void> = Promise.resolve();
  let activeMs = 0;
  let stopMeter: (() => CpuShares) | null = null;

  const seqOf = (text: string): number | null => {
    const seq = parseSeq(options.tag, text);
    return seq === null || seq >= sent ? null : seq;
  };
  group.sink = (_client, message, at) => {
    if (message.cid !== undefined) return; // the sender's own echo
    const seq = seqOf(message.text);
    if (seq === null || received >= samples.length) return;
    sampleDuring[received] = sentDuring[seq] ?? 0;
    samples[received++] = at - (sentAt[seq] ?? Number.NaN);
  };
  const unsubscribe = [peers.sender, peers.receiver].map((peer) =>
    peer.onChat((message, at) => {
      if (message.type !== 'msg') return;
      const seq = seqOf(message.text);
      if (seq !== null && peerReceived < peerSamples.length)
        peerSamples[peerReceived++] = at - (sentAt[seq] ?? Number.NaN);
    }),
  );

  /** Sends at the steady rate from `start` while `sending` holds. */
  const pump = async (start: number) => {
    const interval = 1000 / options.ratePerSec;
    for (let k = 0; sending && sent < maxMessages; k++) {
      const due = start + k * interval;
      if (due > now()) await sleep(due - now());
      if (!sending) break;
      const seq = sent++;
      sentAt[seq] = now();
      sentDuring[seq] = during;
      void chatSender.sendPublic(messageText(options.tag, seq)).catch(() => undefined);
    }
  };

  const transfers: FileTransferResult[] = [];
  try {
    while (transfers.length < options.maxTransfers && (transfers.length === 0 || activeMs < options.minMs)) {
      let startedAt = Number.NaN;
      const transfer = await runFileTransfer(server, peers.sender, peers.receiver, file, {
        timeoutMs: options.timeoutMs,
        hooks: {
          offered: () => {
            stopMeter ??= startCpuMeter(server);
            startedAt = now();
            during = UPLOAD;
            sending = true;
            pumping = pump(startedAt);
          },
          stored: () => {
            during = DOWNLOAD;
          },
          verified: () => {
            sending = false;
            activeMs += now() - startedAt;
          },
        },
      });
      await pumping;
      transfers.push(transfer);
    }
    await waitUntil(() => received >= sent * receivers && peerReceived >= sent * 2, options.drainTimeoutMs);
    const stop = stopMeter as (() => CpuShares) | null;
    if (!stop) throw new Error('the transfers finished without an offer');
    const cpu = stop();
    const split = (phase: number) =>
      summarise(samples.subarray(0, received).filter((_, i) => sampleDuring[i] === phase));
    return {
      clients: group.clients.length,
      ratePerSec: options.ratePerSec,
      transfers,
      seconds: activeMs / 1000,
      sent,
      expected: sent * receivers,
      received,
      all: summarise(samples.subarray(0, received)),
      duringUpload: split(UPLOAD),
      duringDownload: split(DOWNLOAD),
      transferring: summarise(peerSamples.subarray(0, peerReceived)),
      transferringMissing: sent * 2 - peerReceived,
      cpu,
    };
  } finally {
    sending = false;
    await pumping;
    group.sink = null;
    for (const off of unsubscribe) off();
  }
}
