// One sealed frame from a socket that has finished the key exchange: open it with that socket's
// session key (its next sequence number only), then route it. A binary flow ack goes to the outbox
// without JSON or a schema (the busiest kind of frame); a binary file chunk goes to the upload; JSON
// is parsed and checked, then handled. Each refusal gets its own error code. A handler's
// error comes out labelled with the message type (internal-error.ts), for the room's internal_error log.

import type { Bytes } from '../crypto/base64';
import { Direction, FrameError, openFrame } from '../crypto/frame-codec';
import { decodeChunk, isChunkPayload } from '../protocol/chunk-codec';
import { decodeFlowAck, isFlowAckPayload } from '../protocol/flow-ack-codec';
import { parseClientMessage, parseJsonBytes } from '../protocol/parse';
import { handleChatFrame } from './dispatch';
import { type ExpensiveGuard, isExpensive } from './expensive-guard';
import { handleFileChunk } from './files/upload';
import type { FloodGuard } from './flood-guard';
import { applyFlowAck } from './handlers/flow';
import { handleAuth } from './handlers/handshake';
import { handling } from './internal-error';
import { isJoined } from './joined-socket';
import { type LiveSocket, sessionKeyOf } from './live-socket';
import { logEvent } from './log';
import type { RoomContext } from './room-context';
import type { AckVerdict } from './socket-flow';

/** The socket's two budgets: frames (flood-guard.ts) and expensive requests (expensive-guard.ts). */
export interface FrameGuards {
  readonly flood: FloodGuard;
  readonly expensive: ExpensiveGuard;
}

/**
 * What the caller must do with the socket's attachment after a frame: `persist` it, or `skip` the
 * write for a flow ack that changed nothing else: a busy room gets up to four acks per member a
 * second, and the write is work an ack does not need. See LiveSocket.recvMayTrail.
 */
export type AttachmentWrite = 'persist' | 'skip';

/** Opens a sealed frame from `live` (its next sequence number only) and hands it to its handler. */
export async function handleEncryptedFrame(
  room: RoomContext,
  guards: FrameGuards,
  live: LiveSocket,
  frame: Bytes,
  now: number,
): Promise<AttachmentWrite> {
  const replaying = live.att.replay !== undefined;
  const ack = await openAndHandle(room, guards, live, frame, now);
  return ack !== null && ack !== 'bad' && !replaying && live.att.replay === undefined ? 'skip' : 'persist';
}

/** The frame's work; returns the verdict when it was a flow ack. */
async function openAndHandle(
  room: RoomContext,
  { flood, expensive }: FrameGuards,
  live: LiveSocket,
  frame: Bytes,
  now: number,
): Promise<AckVerdict | null> {
  let plaintext: Bytes;
  try {
    const opening = sessionKeyOf(live);
    // The caller checked that the socket has a key; without one the frame fails like a bad tag.
    if (!opening) throw new TypeError('no session key');
    const key = await opening;
    const expected = live.att.recv;
    const opened = await openFrame(
      key,
      Direction.ClientToServer,
      frame,
      (seq) => seq.hi === 0 && (seq.lo === expected || (live.recvMayTrail && seq.lo > expected)),
    );
    plaintext = opened.plaintext;
    // Order matters: set here, so that the `recv++` below makes it the frame's own number plus one.
    live.att.recv = opened.seq.lo;
    live.recvMayTrail = false;
  } catch (error) {
    const reason = error instanceof FrameError ? error.reason : 'tag';
    // A frame with the right sequence number uses it up even if it fails to open, so the
    // sender's next frame is still in sequence.
    if (reason === 'tag') live.att.recv++;
    if (!flood.admit(live, now)) return null;
    if (!live.att.authed) {
      await handleAuth(room, live, null);
      return null;
    }
    logEvent('frame_rejected', { reason });
    const code = reason === 'seq' ? 'bad_seq' : 'bad_frame';
    room.audit.record('protocol_error', { user: live.att.name ?? null, code, detail: { reason } });
    room.outbox.error(live, code);
    return null;
  }
  live.att.recv++;
  if (live.att.authed && isFlowAckPayload(plaintext)) return onFlowAck(room, flood, live, plaintext, now);
  if (live.att.authed && isChunkPayload(plaintext)) {
    await handling('file_chunk', () => onChunk(room, flood, live, plaintext, now));
    return null;
  }
  const json = parseJsonBytes(plaintext);
  const parsed = json.ok ? parseClientMessage(json.value) : json;
  const flow =
    parsed.ok &&
    parsed.value.type === 'file_ack' &&
    room.files.isFlowAck(live, parsed.value.fileId, parsed.value.index);
  if (!flow && !flood.admit(live, now)) return null;
  if (!live.att.authed) {
    const auth = parsed.ok && parsed.value.type === 'auth' ? parsed.value : null;
    await (auth ? handling('auth', () => handleAuth(room, live, auth)) : handleAuth(room, live, null));
    return null;
  }
  if (!parsed.ok) {
    logEvent('frame_rejected', { reason: parsed.code });
    room.audit.record('protocol_error', { user: live.att.name ?? null, code: parsed.code });
    room.outbox.error(live, parsed.code, parsed.detail === undefined ? {} : { detail: parsed.detail });
    return null;
  }
  const msg = parsed.value;
  // Order matters: the frame already took its chat token; this one is on top.
  if (isExpensive(msg) && !expensive.admit(live, msg, now)) return null;
  await handling(msg.type, () => handleChatFrame(room, live, msg));
  return null;
}

/**
 * A binary flow ack (worker/protocol/flow-ack-codec.ts). Order matters: it is applied before the
 * rate limit, so an advancing ack is free; one that does not advance spends a token like any frame.
 */
function onFlowAck(
  room: RoomContext,
  flood: FloodGuard,
  live: LiveSocket,
  plaintext: Bytes,
  now: number,
): AckVerdict | null {
  const ack = decodeFlowAck(plaintext);
  const verdict = ack ? applyFlowAck(room, live, ack) : null;
  if (verdict !== 'advance' && !flood.admit(live, now)) return verdict;
  if (verdict === null) {
    room.audit.record('protocol_error', { user: live.att.name ?? null, code: 'bad_field' });
    room.outbox.error(live, 'bad_field', { detail: 'flow ack' });
  } else if (verdict === 'bad') {
    room.audit.record('protocol_error', { user: live.att.name ?? null, code: 'bad_ack' });
    room.outbox.error(live, 'bad_ack');
  }
  return verdict;
}

/** A binary file chunk (worker/protocol/chunk-codec.ts): the next one of an upload is not rate limited. */
async function onChunk(
  room: RoomContext,
  flood: FloodGuard,
  live: LiveSocket,
  plaintext: Bytes,
  now: number,
): Promise<void> {
  const chunk = decodeChunk(plaintext);
  if (!(chunk && room.files.isFlowChunk(live, chunk)) && !flood.admit(live, now)) return;
  if (!chunk) {
    room.audit.record('protocol_error', { user: live.att.name ?? null, code: 'bad_field' });
    return room.outbox.error(live, 'bad_field', { detail: 'file chunk header' });
  }
  if (!isJoined(live)) return room.outbox.error(live, 'not_joined', { fileId: chunk.fileId });
  return handleFileChunk(room, live, chunk);
}
