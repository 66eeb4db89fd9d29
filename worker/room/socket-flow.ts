// One socket's outbound flow-control account, and the pure decisions the outbox makes with it:
// may a heavy answer go now, is the socket over its cap or silent too long, does an ack advance,
// and whom the room sheds when it is over its own cap. Unit-tested in Node
// (test/unit/worker/room/socket-flow.test.ts); in memory only: it resets with the wake epoch.

import type { FlowLimits } from './flow-limits';

export interface SocketFlow {
  /** The wake epoch the counts below belong to (0 before anything was sent). */
  hi: number;
  /** Ciphertext bytes sent in epoch `hi`. */
  sent: number;
  /** Ciphertext bytes the client has acknowledged in epoch `hi`. */
  acked: number;
  /** Bytes queued for the next flush (sent whatever the window). */
  queued: number;
  /** Bytes of heavy JSON answers waiting for the window to open. */
  held: number;
  /** Bytes of file chunks waiting for the window to open (bounded by the download window instead). */
  heldChunks: number;
  /** When data last became outstanding, or an ack last advanced. */
  progressAt: number;
  /** Set when the socket passed a limit: the next flush closes it (4009). */
  shed: 'cap' | 'timeout' | 'room_cap' | null;
}

export function newFlow(): SocketFlow {
  return { hi: 0, sent: 0, acked: 0, queued: 0, held: 0, heldChunks: 0, progressAt: 0, shed: null };
}

export function unacked(flow: SocketFlow): number {
  return flow.sent - flow.acked;
}

/** Within the window, heavy answers go: sent-but-unacknowledged plus queued is below it. */
export function windowOpen(flow: SocketFlow, limits: FlowLimits): boolean {
  return unacked(flow) + flow.queued < limits.windowBytes;
}

/** What the socket costs the room now (file chunks included). */
export function consumption(flow: SocketFlow): number {
  return unacked(flow) + flow.queued + flow.held + flow.heldChunks;
}

/** Reaching the cap is allowed; passing it is not. Held file chunks do not count (see heldChunks). */
export function overCap(flow: SocketFlow, limits: FlowLimits): boolean {
  return unacked(flow) + flow.queued + flow.held > limits.socketCapBytes;
}

/** Data is outstanding and no ack has advanced for the whole timeout. */
export function timedOut(flow: SocketFlow, limits: FlowLimits, now: number): boolean {
  return unacked(flow) > 0 && now - flow.progressAt >= limits.ackTimeoutMs;
}

export type AckVerdict = 'advance' | 'stale' | 'bad';

/**
 * An ack for another epoch (e.g. one from before an eviction) or one that does not raise the count
 * is stale; one that counts more than was sent is a protocol error.
 */
export function ackVerdict(flow: SocketFlow, hi: number, bytes: number): AckVerdict {
  if (hi !== flow.hi || flow.hi === 0 || bytes <= flow.acked) return 'stale';
  return bytes > flow.sent ? 'bad' : 'advance';
}

/**
 * Biggest consumers first, until the sum is back within the room's cap. Within the cap (every flush
 * of a busy room) it only sums: sorting a thousand sockets per flush was a tenth of the room's CPU.
 */
export function toShed<T>(sockets: Iterable<T>, cost: (s: T) => number, roomCapBytes: number): T[] {
  let total = 0;
  for (const s of sockets) total += cost(s);
  if (total <= roomCapBytes) return [];
  const shed: T[] = [];
  for (const s of [...sockets].sort((a, b) => cost(b) - cost(a))) {
    if (total <= roomCapBytes) break;
    shed.push(s);
    total -= cost(s);
  }
  return shed;
}
