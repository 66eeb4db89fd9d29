// Sends room messages. Messages are queued per recipient and flushed together: each recipient
// gets one frame per flush, sealed with its own key and next sequence number, holding one message
// or a `batch` of several. Under load this turns many small frames into a few larger ones, and the
// per-frame costs (send, framing, the client's decrypt) are paid once per flush, not per message.
// A broadcast is JSON-encoded once, and recipients with identical queues share one encoding.
//
// Order matters: flushes run inside the room's serial queue, so every socket's sequence numbers
// are assigned and its frames sent in order.

import type { Bytes } from '../crypto/base64';
import { Direction, IV_BYTES, sealFrame } from '../crypto/frame-codec';
import type { ControlErrorFrame } from '../protocol/control-frames';
import type { ErrorCode } from '../protocol/errors';
import { ERROR_MESSAGES } from '../protocol/errors';
import type { ServerMessage } from '../protocol/server-messages';
import { type LiveSocket, sessionKeyOf } from './live-socket';

const encoder = new TextEncoder();

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

  error(to: LiveSocket, code: ErrorCode, extra: { cid?: number; detail?: string } = {}): void {
    const message = extra.detail ? `${ERROR_MESSAGES[code]} (${extra.detail})` : ERROR_MESSAGES[code];
    this.send(to, { type: 'error', code, message, ...(extra.cid === undefined ? {} : { cid: extra.cid }) });
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
    // One call for every IV of this flush; each frame still gets its own fresh 96 random bits.
    const ivs = crypto.getRandomValues(new Uint8Array(IV_BYTES * targets.length));
    const encoded = new Map<string, Bytes>();
    const frames = await Promise.all(
      targets.map((live, i) => {
        const items = live.outbound;
        live.outbound = [];
        const key = sessionKeyOf(live);
        if (!key) return null;
        const payload = items.length === 1 ? items[0]! : `{"type":"batch","messages":[${items.join(',')}]}`;
        let bytes = encoded.get(payload);
        if (!bytes) {
          bytes = encoder.encode(payload) as Bytes;
          encoded.set(payload, bytes);
        }
        const seq = { hi, lo: live.sendLo++ };
        const iv = ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES);
        const plaintext = bytes;
        return key.then((k) => sealFrame(k, Direction.ServerToClient, seq, plaintext, iv));
      }),
    );
    for (let i = 0; i < targets.length; i++) {
      const live = targets[i]!;
      const frame = frames[i];
      if (frame) this.trySend(live.ws, frame);
      if (live.closeAfter) {
        const { code, why } = live.closeAfter;
        live.closeAfter = undefined;
        closeQuietly(live.ws, code, why);
      }
    }
  }

  private enqueue(live: LiveSocket, json: string): void {
    if (live.closed && !live.closeAfter) return;
    live.outbound.push(json);
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

/**
 * A quiet room flushes at once. A busy one waits until FLUSH_GAP_MS after its last flush, so what
 * arrives in between goes out together: latency stays low when idle, and frames per second stay
 * bounded under load (like Nagle's algorithm, with a 5 ms ceiling on the added delay).
 */
export const FLUSH_GAP_MS = 5;

export function flushDelay(sinceLastFlushMs: number): number {
  // Clamped: a clock that stepped back must not hold messages longer than the gap.
  return Math.min(FLUSH_GAP_MS, Math.max(0, FLUSH_GAP_MS - sinceLastFlushMs));
}

export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed or closing.
  }
}
