// Sends room messages. Messages are queued per recipient and flushed together: each recipient
// gets one frame per flush, sealed with its own key and next sequence number, holding one message
// or a `batch` of several. Under load this turns many small frames into a few larger ones, and the
// per-frame costs (send, framing, the client's decrypt) are paid once per flush, not per message.
// A broadcast is JSON-encoded once, and recipients with identical queues share one encoding.
// Binary payloads (file chunks) share the same queue: each becomes a frame of its own, after the
// JSON of the same flush (chat overtakes file data, see frame-payloads.ts), and its buffers are
// released as soon as the frame is sent (see release-buffer.ts).
//
// Order matters: flushes run inside the room's serial queue, so every socket's sequence numbers
// are assigned and its frames sent in order.

import type { Bytes } from '../crypto/base64';
import { Direction, IV_BYTES, type Seq, sealFrame } from '../crypto/frame-codec';
import { isChunkPayload } from '../protocol/chunk-codec';
import type { ControlErrorFrame } from '../protocol/control-frames';
import type { ErrorCode } from '../protocol/errors';
import { ERROR_MESSAGES } from '../protocol/errors';
import type { ServerMessage } from '../protocol/server-messages';
import { flushDelay } from './flush-timing';
import { framePayloads } from './frame-payloads';
import { type LiveSocket, sessionKeyOf } from './live-socket';
import { releaseBuffer } from './release-buffer';

export class Outbox {
  private readonly waiting = new Set<LiveSocket>();
  private flushScheduled = false;
  private lastFlush = 0;

  constructor(
    private readonly epoch: () => number,
    private readonly onDeadSocket: (ws: WebSocket) => void,
    /** Runs `flush` after `delayMs`, inside the room's serial queue. */
    private readonly scheduleFlush: (delayMs: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  send(to: LiveSocket, message: ServerMessage): void {
    this.enqueue(to, JSON.stringify(message));
  }

  broadcast(to: readonly LiveSocket[], message: ServerMessage): void {
    const json = JSON.stringify(message);
    for (const live of to) this.enqueue(live, json);
  }

  error(
    to: LiveSocket,
    code: ErrorCode,
    extra: { cid?: number; detail?: string; fileId?: string; ref?: number } = {},
  ): void {
    const { detail, ...about } = extra;
    const message = detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code];
    this.send(to, { type: 'error', code, message, ...about });
  }

  /**
   * Queues a binary payload (a file chunk) to go as its own frame, in order with the other binary
   * payloads. Takes `payload`: its buffer is released once the frame is sent.
   */
  sendBinary(to: LiveSocket, payload: Bytes): void {
    this.enqueue(to, payload);
  }

  /** Before the key exchange there is no session key: errors go at once, as plaintext control frames. */
  controlError(ws: WebSocket, code: ErrorCode): void {
    this.trySend(
      ws,
      JSON.stringify({ t: 'error', code, message: ERROR_MESSAGES[code] } satisfies ControlErrorFrame),
    );
  }

  hasQueued(live: LiveSocket): boolean {
    return live.outbound.length > 0;
  }

  /** Seals and sends everything queued. Call only from the room's serial queue. */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    this.lastFlush = this.now();
    const targets = [...this.waiting];
    this.waiting.clear();
    if (targets.length === 0) return;
    const hi = this.epoch();
    // Order matters: sequence numbers are assigned here, in queue order, and frames are sent in
    // the same order below.
    const jobs: { live: LiveSocket; key: Promise<CryptoKey>; seq: Seq; plaintext: Bytes; owned: boolean }[] =
      [];
    const encoded = new Map<string, Bytes>();
    for (const live of targets) {
      const items = live.outbound;
      live.outbound = [];
      const key = sessionKeyOf(live);
      if (!key) continue;
      for (const plaintext of framePayloads(items, encoded)) {
        // Binary payloads are the socket's own; JSON encodings may be shared with other sockets.
        const owned = isChunkPayload(plaintext);
        jobs.push({ live, key, seq: { hi, lo: live.sendLo++ }, plaintext, owned });
      }
    }
    // One call for many IVs; each frame still gets its own fresh 96 random bits.
    const ivs = randomIvs(jobs.length);
    const sealed = await Promise.all(
      jobs.map(async (job, i) => {
        const k = await job.key;
        const iv = ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES);
        return { job, frame: await sealFrame(k, Direction.ServerToClient, job.seq, job.plaintext, iv) };
      }),
    );
    for (const { job, frame } of sealed) {
      this.trySend(job.live.ws, frame);
      // send() has copied the frame; a chunk's buffers would otherwise wait for a full GC.
      if (job.owned) {
        releaseBuffer(job.plaintext);
        releaseBuffer(frame);
      }
    }
    for (const live of targets) {
      if (live.closeAfter) {
        const { code, why } = live.closeAfter;
        live.closeAfter = undefined;
        closeQuietly(live.ws, code, why);
      }
    }
  }

  private enqueue(live: LiveSocket, item: string | Bytes): void {
    if (live.closed && !live.closeAfter) return;
    live.outbound.push(item);
    this.waiting.add(live);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.scheduleFlush(flushDelay(this.now() - this.lastFlush));
    }
  }

  private trySend(ws: WebSocket, data: string | Uint8Array): void {
    try {
      ws.send(data);
    } catch {
      this.onDeadSocket(ws);
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

export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed or closing.
  }
}
