// Sends room messages. Messages are queued per recipient and flushed together: each recipient
// gets one frame per flush, sealed with its own key and next sequence number, holding one message
// or a `batch` of several. Under load this turns many small frames into a few larger ones, and the
// per-frame costs (send, framing, the client's decrypt) are paid once per flush, not per message.
// A broadcast is JSON-encoded once, and recipients with identical queues share one encoding.
// Public room traffic (`publish`: Lobby messages, presence, Lobby typing) is also sealed once: a run
// of broadcasts becomes one frame under the room broadcast key, signed by the room, and the same
// bytes go to every member that queued that run (broadcast-keys.ts, crypto/broadcast-frame.ts).
// A member is sent the key under its own session key just before its first frame sealed with it.
// Binary payloads (file chunks) share the same queue: each becomes a frame of its own, after the
// JSON of the same flush (chat overtakes file data, see frame-payloads.ts), and its buffers are
// released as soon as the frame is sent (see release-buffer.ts).
//
// Flow control (socket-flow.ts, limits in flow-limits.ts): the client acknowledges the bytes it
// has received. Light messages (chat, presence, typing, receipts, errors, file control) always go;
// heavy answers (history pages, search results, file chunks) go only while the socket's
// unacknowledged plus queued bytes are within the window, and otherwise wait, in order, for an ack.
// A socket past its cap, silent too long with data outstanding, or among the biggest consumers
// when the room is past its cap, is closed with 4009 (slow_consumer) and resumes with `since`.
//
// When and how a flush goes: as soon as the previous one has finished (flush-scheduler.ts), each
// frame sent as soon as it is sealed, the sockets waiting for an answer (the sender's echo, its
// `ack`) first (frame-stream.ts).
// Order matters: flushes run inside the room's serial queue, so every socket's sequence numbers
// are assigned and its frames sent in order, its own frames and broadcast frames interleaved as queued.

import type { Bytes } from '../crypto/base64';
import { isChunkPayload } from '../protocol/chunk-codec';
import type { ControlErrorFrame } from '../protocol/control-frames';
import type { ErrorCode } from '../protocol/errors';
import { ERROR_MESSAGES } from '../protocol/errors';
import type { ServerMessage } from '../protocol/server-messages';
import { BroadcastKeys, type MetaStore } from './broadcast-keys';
import type { FlowLimits } from './flow-limits';
import { FlushScheduler } from './flush-scheduler';
import {
  type BroadcastItem,
  type BroadcastRun,
  frameSegments,
  isBroadcastItem,
  type OutboundItem,
  sizeOf,
} from './frame-payloads';
import { type FrameJob, sendOrder, streamFrames, yieldToEventLoop } from './frame-stream';
import { isJoined } from './joined-socket';
import { type LiveSocket, sessionKeyOf } from './live-socket';
import {
  type AckVerdict,
  ackVerdict,
  consumption,
  overCap,
  type SocketFlow,
  timedOut,
  toShed,
  windowOpen,
} from './socket-flow';
import { utf8Length } from './utf8-length';

/** What the outbox needs to enforce flow control, and to keep every copy behind its write. */
export interface FlowHooks {
  readonly limits: FlowLimits;
  /** Closes a socket that passed a limit (with 4009); its queues are already dropped. */
  slowConsumer(live: LiveSocket, why: NonNullable<SocketFlow['shed']>): void;
  /**
   * Runs before a flush sends anything: the writes waiting behind (write-behind.ts), so that no copy
   * of a message leaves before its row is written. When it throws, the flush sends nothing.
   */
  beforeSend?(): void;
}

export class Outbox {
  private readonly waiting = new Set<LiveSocket>();
  /** Sockets with bytes queued, held or unacknowledged: what the room-wide cap sums over. */
  private readonly owing = new Set<LiveSocket>();
  /** Sockets waiting for an answer to their own request (an echo or `ack` with its `cid`): served first. */
  private readonly urgent = new Set<LiveSocket>();
  private readonly scheduler: FlushScheduler;
  /** The next broadcast's id (frame-payloads.ts BroadcastItem). */
  private nextBroadcast = 0;
  /** The broadcast key epoch each socket was last sent: in memory, so after an eviction it is sent again. */
  private readonly keyEpochOf = new WeakMap<LiveSocket, number>();
  /** The broadcast key's owner; without one, `publish` sends per recipient like `broadcast`. */
  readonly keys: BroadcastKeys | null;

  constructor(
    private readonly epoch: () => number,
    private readonly onDeadSocket: (ws: WebSocket) => void,
    /** Runs a task after everything already queued on the room's serial queue (the flushes go there). */
    enqueueTask: (task: () => Promise<void>) => void,
    private readonly flow: FlowHooks,
    /** Where the broadcast key is kept (broadcast-keys.ts); null: `publish` goes per recipient. */
    keyStore: MetaStore | null = null,
    private readonly now: () => number = Date.now,
    /** Lets the runtime write the urgent frames before the fan-out (frame-stream.ts). */
    private readonly yieldToIo: () => Promise<void> = yieldToEventLoop,
  ) {
    this.keys = keyStore ? new BroadcastKeys(keyStore) : null;
    this.scheduler = new FlushScheduler(enqueueTask, () => this.flush());
  }

  get limits(): FlowLimits {
    return this.flow.limits;
  }

  /**
   * A light message: it goes whatever the window. Stored chat (msg, pm and the events about them) skips a socket that is
   * still replaying: it reaches it through the replay, in order and once (handlers/history.ts).
   */
  send(to: LiveSocket, message: ServerMessage): void {
    if (replaying(to, message)) return;
    this.enqueue(to, JSON.stringify(message), false);
    // The answer to the socket's own message (its echo, `ack`, or an error about it): it waits for it.
    if ('cid' in message && message.cid !== undefined) this.urgent.add(to);
  }

  broadcast(to: readonly LiveSocket[], message: ServerMessage): void {
    const json = JSON.stringify(message);
    const stored = isStored(message);
    // Measured once: every recipient queues the same string.
    const size = utf8Length(json);
    for (const live of to) if (!(stored && live.att.replay)) this.enqueue(live, json, false, size);
  }

  /**
   * Public room traffic that every member gets identically (Lobby messages, presence, Lobby typing):
   * sealed once under the room broadcast key and signed by the room. `to` are joined members. Never
   * for private traffic, acks, errors, pages or file data: those go per recipient.
   */
  publish(to: readonly LiveSocket[], message: ServerMessage): void {
    const keys = this.keys;
    const keyset = keys?.current();
    if (!keys || !keyset) {
      this.broadcast(to, message);
      return;
    }
    const json = JSON.stringify(message);
    const item: BroadcastItem = { id: this.nextBroadcast++, json, size: utf8Length(json), keyset };
    let keyJson: string | null = null;
    for (const live of to) {
      if (replaying(live, message)) continue;
      if (this.keyEpochOf.get(live) !== keyset.epoch) {
        // Order matters: the key goes in the socket's own stream, before the first frame sealed with it.
        keyJson ??= JSON.stringify(keys.message(keyset));
        this.enqueue(live, keyJson, false);
        this.keyEpochOf.set(live, keyset.epoch);
      }
      this.enqueue(live, item, false, item.size);
    }
  }

  /** A heavy answer (a history page, search results): it waits while the window is full. */
  sendHeavy(to: LiveSocket, message: ServerMessage): void {
    this.enqueue(to, JSON.stringify(message), true);
  }

  /**
   * A replay page, as JSON messages already encoded and measured by the caller, who has checked
   * that the window is open: it goes at the next flush, split into frames by bytes.
   */
  sendPage(to: LiveSocket, messages: readonly string[]): void {
    for (const json of messages) this.enqueue(to, json, false);
  }

  /** Whether heavy answers may go to `live` now. */
  windowOpen(live: LiveSocket): boolean {
    return live.flow.held === 0 && live.flow.heldChunks === 0 && windowOpen(live.flow, this.flow.limits);
  }

  /**
   * Applies a client's flow ack. An advancing one releases held answers while the window allows
   * (the caller then continues a running replay: handlers/flow.ts).
   */
  ack(live: LiveSocket, hi: number, bytes: number): AckVerdict {
    const flow = live.flow;
    const verdict = ackVerdict(flow, hi, bytes);
    if (verdict !== 'advance') return verdict;
    flow.acked = bytes;
    flow.progressAt = this.now();
    this.release(live);
    return verdict;
  }

  /** The ack timeout, for the room's alarm sweep: silent sockets with data outstanding are shed. */
  sweep(): void {
    const now = this.now();
    let any = false;
    for (const live of this.owing) {
      if (live.flow.shed === null && timedOut(live.flow, this.flow.limits, now)) {
        live.flow.shed = 'timeout';
        this.waiting.add(live);
        any = true;
      }
    }
    if (any) this.requestFlush();
  }

  /**
   * A socket left: it no longer counts towards the room's cap. A member holds the broadcast key, so
   * the key is retired: nothing broadcast after this is sealed with it (broadcast-keys.ts).
   */
  forget(live: LiveSocket): void {
    this.owing.delete(live);
    live.held = [];
    if (isJoined(live)) this.keys?.retire();
  }

  error(
    to: LiveSocket,
    code: ErrorCode,
    extra: { cid?: number; detail?: string; fileId?: string; ref?: number; retryMs?: number } = {},
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
    this.enqueue(to, payload, true);
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

  /** Seals and sends everything queued. Runs on the room's serial queue, started by the scheduler. */
  private async flush(): Promise<void> {
    // Order matters: the waiting writes first, in this turn, so the frames below wait for their commit.
    try {
      this.flow.beforeSend?.();
    } catch (error) {
      // Messages queued here may not be stored: none of it goes (the room resets, write-behind.ts).
      for (const live of this.waiting) live.outbound = [];
      this.waiting.clear();
      this.urgent.clear();
      throw error;
    }
    const targets = sendOrder(this.waiting, this.urgent);
    // The urgent sockets lead `targets`: how many of them are waiting.
    let head = 0;
    for (const live of targets) if (this.urgent.has(live)) head++;
    this.waiting.clear();
    this.urgent.clear();
    if (targets.length === 0) return;
    const hi = this.epoch();
    // Order matters: sequence numbers are assigned here, in queue order, and frames are sent in
    // the same order (frame-stream.ts).
    const jobs: FrameJob[] = [];
    let urgent = 0;
    const runs = new Map<string, BroadcastRun>();
    const encoded = new Map<string, Bytes>();
    const sizes = new Map<string, number>();
    const now = this.now();
    for (const [index, live] of targets.entries()) {
      const items = live.outbound;
      live.outbound = [];
      live.flow.queued = 0;
      if (live.flow.shed !== null) {
        this.shed(live);
        continue;
      }
      const key = sessionKeyOf(live);
      if (!key) continue;
      if (live.flow.hi !== hi) Object.assign(live.flow, { hi, sent: 0, acked: 0 });
      for (const segment of frameSegments(items, runs, encoded, this.flow.limits.pageBytes, sizes)) {
        if ('run' in segment) {
          jobs.push({ live, run: segment.run });
          continue;
        }
        const plaintext = segment.payload;
        // Binary payloads are the socket's own; JSON encodings may be shared with other sockets.
        const owned = isChunkPayload(plaintext);
        jobs.push({ live, key, seq: { hi, lo: live.sendLo++ }, plaintext, owned });
      }
      if (index < head) urgent = jobs.length;
    }
    const sealRun = this.keys?.sealRuns(runs, hi) ?? noRuns;
    const send = (ws: WebSocket, frame: Bytes) => this.trySend(ws, frame);
    await streamFrames(jobs, urgent, { sealRun, send, yieldToIo: this.yieldToIo }, now);
    for (const live of targets) {
      if (live.closeAfter) {
        const { code, why } = live.closeAfter;
        live.closeAfter = undefined;
        closeQuietly(live.ws, code, why);
      }
    }
    this.enforceRoomCap();
  }

  private enqueue(live: LiveSocket, item: OutboundItem, heavy: boolean, measured?: number): void {
    if (live.closed && !live.closeAfter) return;
    const flow = live.flow;
    if (flow.shed !== null) return;
    const size = measured ?? sizeOf(item);
    const binary = item instanceof Uint8Array;
    if (heavy && !this.windowOpen(live) && !isBroadcastItem(item)) {
      live.held.push(item);
      if (binary) flow.heldChunks += size;
      else flow.held += size;
    } else {
      live.outbound.push(item);
      flow.queued += size;
    }
    this.owing.add(live);
    if (overCap(flow, this.flow.limits)) flow.shed = 'cap';
    else if (timedOut(flow, this.flow.limits, this.now())) flow.shed = 'timeout';
    this.waiting.add(live);
    this.requestFlush();
  }

  /** Moves held answers to the next flush while the window allows (at least one when it is open). */
  private release(live: LiveSocket): void {
    const flow = live.flow;
    let moved = 0;
    while (moved < live.held.length && windowOpen(flow, this.flow.limits)) {
      const item = live.held[moved++] as string | Bytes;
      const size = typeof item === 'string' ? utf8Length(item) : item.byteLength;
      if (typeof item === 'string') flow.held -= size;
      else flow.heldChunks -= size;
      live.outbound.push(item);
      flow.queued += size;
    }
    if (moved === 0) return;
    live.held = live.held.slice(moved);
    this.waiting.add(live);
    this.requestFlush();
  }

  /** Asks for a flush (writes waiting behind need one even when nothing is queued to send). */
  requestFlush(): void {
    this.scheduler.request();
  }

  /** Drops what a slow socket still had to get and asks the room to close it. */
  private shed(live: LiveSocket): void {
    const why = live.flow.shed ?? 'cap';
    live.outbound = [];
    live.held = [];
    Object.assign(live.flow, { queued: 0, held: 0, heldChunks: 0 });
    this.owing.delete(live);
    if (!live.closed) this.flow.slowConsumer(live, why);
  }

  /** Past the room's cap, the biggest consumers go first until the sum is back within it. */
  private enforceRoomCap(): void {
    for (const live of this.owing) {
      if (live.closed || consumption(live.flow) === 0) this.owing.delete(live);
    }
    for (const live of toShed([...this.owing], (l) => consumption(l.flow), this.flow.limits.roomCapBytes)) {
      live.flow.shed = 'room_cap';
      this.shed(live);
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

/** Without a broadcast key there are no runs (`publish` went per recipient). */
function noRuns(): Promise<Bytes> {
  return Promise.reject(new Error('a broadcast run without a broadcast key'));
}

function replaying(to: LiveSocket, message: ServerMessage): boolean {
  return isStored(message) && to.att.replay !== undefined;
}

/** Messages and the events about them (message-events.ts): what a resume replay delivers. */
function isStored(message: ServerMessage): boolean {
  const t = message.type;
  return t === 'msg' || t === 'pm' || t === 'reaction' || t === 'edited' || t === 'deleted';
}

export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed or closing.
  }
}
