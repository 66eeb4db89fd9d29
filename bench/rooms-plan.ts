// `--rooms` (issue 14): the shapes it compares (10 rooms × 100 clients against 1 room × 1,000; 3 × 20
// against 1 × 60 with --quick), the open-loop schedule that spreads one total rate over the rooms,
// and how per-room windows add up to one aggregate. Pure; unit-tested in test/unit/bench/rooms-plan.test.ts.

import { type Summary, summarise } from './stats';

export interface RoomsShape {
  /** The many-rooms system: `rooms` rooms of `perRoom` clients each. */
  rooms: number;
  perRoom: number;
  /** The one-room system has as many clients as all the rooms together. */
  single: number;
  /** Messages per second per room in the "same send rate" window; the one room sends `rooms` times as many. */
  ratePerRoom: number;
  /** Messages per second per room in the "same deliveries" window (many rooms only). */
  busyRatePerRoom: number;
  /** Messages in flight per room in the closed-loop window. */
  inFlightPerRoom: number;
}

export function roomsShape(quick: boolean): RoomsShape {
  const rooms = quick ? 3 : 10;
  const perRoom = quick ? 20 : 100;
  const single = rooms * perRoom;
  const ratePerRoom = 1;
  // The one room at `rooms × ratePerRoom` makes (single − 1) copies of each message; a small room
  // makes (perRoom − 1): this rate gives the many rooms about as many copies a second.
  const busyRatePerRoom = Math.round((ratePerRoom * rooms * (single - 1)) / (rooms * (perRoom - 1)));
  return { rooms, perRoom, single, ratePerRoom, busyRatePerRoom, inFlightPerRoom: 10 };
}

/** Public room slugs for one run: `prefix` plus a zero-padded index, valid (lowercase, digits, `-`). */
export function roomSlugs(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
}

/** One send of an open-loop window: which room, the message's number in that room, when (ms from start). */
export interface Slot {
  room: number;
  seq: number;
  dueMs: number;
}

/**
 * The k-th send of a window where `rooms` rooms each send `ratePerRoom` messages a second: one
 * evenly spaced stream at the total rate, dealt to the rooms in turn, so the many rooms together
 * load the process exactly like one room at the total rate.
 */
export function slot(k: number, rooms: number, ratePerRoom: number): Slot {
  return { room: k % rooms, seq: Math.floor(k / rooms), dueMs: (k * 1000) / (ratePerRoom * rooms) };
}

/** Messages each room sends in a window of `ms` at `ratePerRoom` (at least one). */
export function messagesPerRoom(ratePerRoom: number, ms: number): number {
  return Math.max(1, Math.round((ratePerRoom * ms) / 1000));
}

/** One room's part of a window: its latency samples (open loop), the copies expected and received. */
export interface RoomPart {
  samples: ArrayLike<number>;
  expected: number;
  received: number;
}

export interface Aggregate {
  latency: Summary;
  /** The worst single room's p99: how unevenly the rooms were served. */
  worstRoomP99: number;
  expected: number;
  received: number;
  missing: number;
  /** First send to last copy. */
  seconds: number;
  deliveriesPerSec: number;
}

/** Adds the rooms' parts of a window that lasted `seconds` (first send to last copy). */
export function aggregate(parts: readonly RoomPart[], seconds: number): Aggregate {
  let count = 0;
  for (const part of parts) count += part.samples.length;
  const all = new Float64Array(count);
  let at = 0;
  let expected = 0;
  let received = 0;
  const p99s: number[] = [];
  for (const part of parts) {
    all.set(Array.from(part.samples), at);
    at += part.samples.length;
    expected += part.expected;
    received += part.received;
    const p99 = summarise(part.samples).p99;
    if (Number.isFinite(p99)) p99s.push(p99);
  }
  return {
    latency: summarise(all),
    worstRoomP99: p99s.length > 0 ? Math.max(...p99s) : Number.NaN,
    expected,
    received,
    missing: Math.max(0, expected - received),
    seconds,
    deliveriesPerSec: seconds > 0 ? received / seconds : 0,
  };
}
