// How a flush puts its frames on the sockets (outbox.ts): in an order that serves first the
// sockets waiting for an answer to their own request (the sender's echo and its `ack`), and each
// frame sent as soon as it is sealed, never all sealed first. Tested with fake sockets in workerd
// (test/worker/outbox-send-order.test.ts).

import type { Bytes } from '../crypto/base64';
import { Direction, IV_BYTES, type Seq, sealFrame } from '../crypto/frame-codec';
import type { BroadcastRun } from './frame-payloads';
import type { LiveSocket } from './live-socket';
import { releaseBuffer } from './release-buffer';
import { unacked } from './socket-flow';

/** One frame of a flush: sealed for its socket alone, or a broadcast run sealed once and shared. */
export type FrameJob =
  | { live: LiveSocket; key: Promise<CryptoKey>; seq: Seq; plaintext: Bytes; owned: boolean }
  | { live: LiveSocket; run: BroadcastRun };

export interface FrameSink {
  /** The sealed frame of a broadcast run (sealed on first use, then shared). */
  sealRun(run: BroadcastRun): Promise<Bytes>;
  send(ws: WebSocket, frame: Bytes): void;
  /**
   * Lets the runtime write what was sent so far. workerd writes to the network only when the
   * isolate yields to its event loop, not at each `send`, so the urgent frames leave before the fan-out.
   */
  yieldToIo(): Promise<void>;
}

/** The sockets to serve first (`first`, in the order they were queued), then the others. */
export function sendOrder<T>(waiting: Iterable<T>, first: ReadonlySet<T>): T[] {
  const head: T[] = [];
  const tail: T[] = [];
  for (const item of waiting) (first.has(item) ? head : tail).push(item);
  return head.length === 0 ? tail : [...head, ...tail];
}

/**
 * Seals and sends `jobs` in order, each as soon as it is sealed. The first `urgent` jobs are the
 * first sockets' frames: after them the runtime gets to write them out. A frame counts against its
 * socket's window when it is sent, shared or not; a socket's frames go in sequence order because
 * its jobs are in that order and each is sent before the next is sealed.
 */
export async function streamFrames(
  jobs: readonly FrameJob[],
  urgent: number,
  sink: FrameSink,
  now: number,
): Promise<void> {
  // One call for many IVs; each frame still gets its own fresh 96 random bits.
  const ivs = randomIvs(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    if (i === urgent && i > 0) await sink.yieldToIo();
    const job = jobs[i] as FrameJob;
    const frame =
      'run' in job
        ? await sink.sealRun(job.run)
        : await sealFrame(
            await job.key,
            Direction.ServerToClient,
            job.seq,
            job.plaintext,
            ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES),
          );
    const flow = job.live.flow;
    if (unacked(flow) === 0) flow.progressAt = now;
    // A shared frame counts against every recipient's window, like its own frames.
    flow.sent += frame.byteLength;
    sink.send(job.live.ws, frame);
    // send() has copied the frame; a chunk's buffers would otherwise wait for a full GC.
    if ('owned' in job && job.owned) {
      releaseBuffer(job.plaintext);
      releaseBuffer(frame);
    }
  }
}

/** getRandomValues fills at most 65,536 bytes per call. */
function randomIvs(count: number): Bytes {
  const out = new Uint8Array(count * IV_BYTES);
  for (let at = 0; at < out.length; at += 65_536) {
    crypto.getRandomValues(out.subarray(at, Math.min(out.length, at + 65_536)));
  }
  return out;
}

/** Yields to the event loop once (a zero timer), so that the runtime can write queued frames. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
