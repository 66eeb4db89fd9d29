// `--rooms`: the two kinds of window, run over every room of one wrangler dev at once. Open loop:
// one evenly spaced stream at the total rate, dealt to the rooms in turn (bench/rooms-plan.ts), the
// time from send to each other member's copy. Closed loop: in each room, one sender keeps N messages
// in flight, the next going when every other member has one; aggregate deliveries/s.

import { loadavg } from 'node:os';
import { type CpuShares, startCpuMeter } from './cpu-meter';
import type { RelayClients } from './relay-clients';
import { type Aggregate, aggregate, messagesPerRoom, type RoomPart, slot } from './rooms-plan';
import { messageText, parseSeq } from './scenarios/message-text';
import type { DevServer } from './server';
import { now, sleep, waitUntil } from './time';

/**
 * How long a window waits after its last send for the copies still on their way; a copy later than
 * that counts as missing (late or lost: a saturated window queues, it does not drop).
 */
export const DRAIN_MS = 10_000;

export interface RoomsWindow {
  /** Messages sent, over all rooms. */
  sent: number;
  result: Aggregate;
  cpu: CpuShares;
  /** The machine's 1-minute load average at the end of the window. */
  load1: number;
  /** Copies of another room's messages that reached a room's member: 0 when rooms are isolated. */
  foreign: number;
}

/** Each room's messages carry its own tag; a copy with the window's tag but not the room's is foreign. */
const roomTag = (tag: string, r: number) => `${tag}r${r}`;
const isForeign = (tag: string, text: string) => text.startsWith(`${tag}r`);

/** Every room sends `ratePerRoom` messages a second for `ms`, from rotating senders. */
export async function runRoomsOpenLoop(
  server: DevServer,
  rooms: readonly RelayClients[],
  options: { ratePerRoom: number; ms: number; tag: string },
): Promise<RoomsWindow> {
  const perRoom = messagesPerRoom(options.ratePerRoom, options.ms);
  const sentAt = rooms.map(() => new Float64Array(perRoom));
  const parts = rooms.map((room) => ({
    samples: new Float64Array(perRoom * (room.size - 1)),
    expected: perRoom * (room.size - 1),
    received: 0,
  }));
  let lastAt = Number.NaN;
  let foreign = 0;
  for (const [r, room] of rooms.entries()) {
    const part = parts[r];
    const sent = sentAt[r];
    if (!part || !sent) continue;
    const tag = roomTag(options.tag, r);
    room.sink = (_to, text, own, at) => {
      const seq = parseSeq(tag, text);
      if (seq === null && isForeign(options.tag, text)) foreign++;
      if (own || seq === null || seq >= perRoom || part.received >= part.expected) return;
      part.samples[part.received++] = at - (sent[seq] ?? at);
      lastAt = at;
    };
  }
  const total = perRoom * rooms.length;
  const stop = startCpuMeter(server);
  const start = now();
  for (let k = 0; k < total; k++) {
    const { room: r, seq, dueMs } = slot(k, rooms.length, options.ratePerRoom);
    const room = rooms[r];
    const sent = sentAt[r];
    if (!room || !sent) continue;
    const due = start + dueMs;
    if (due > now()) await sleep(due - now());
    sent[seq] = now();
    room.send((seq * 7) % room.size, messageText(roomTag(options.tag, r), seq));
  }
  await waitUntil(() => parts.every((p) => p.received >= p.expected), DRAIN_MS);
  const cpu = stop();
  for (const room of rooms) room.sink = null;
  const trimmed: RoomPart[] = parts.map((p) => ({ ...p, samples: p.samples.subarray(0, p.received) }));
  return {
    sent: total,
    result: aggregate(trimmed, (lastAt - start) / 1000),
    cpu,
    load1: loadavg()[0] ?? Number.NaN,
    foreign,
  };
}

/** In every room at once, member 0 keeps `inFlightPerRoom` messages outstanding for `ms`. */
export async function runRoomsClosedLoop(
  server: DevServer,
  rooms: readonly RelayClients[],
  options: { inFlightPerRoom: number; ms: number; tag: string },
): Promise<RoomsWindow> {
  let sending = true;
  let sent = 0;
  let firstAt = Number.NaN;
  let lastAt = Number.NaN;
  let foreign = 0;
  const states = rooms.map((room, r) => {
    const tag = roomTag(options.tag, r);
    const receivers = room.size - 1;
    const remaining = new Map<number, number>();
    let inFlight = 0;
    let nextSeq = 0;
    let received = 0;
    const pump = () => {
      while (sending && inFlight < options.inFlightPerRoom) {
        const seq = nextSeq++;
        remaining.set(seq, receivers);
        inFlight++;
        sent++;
        room.send(0, messageText(tag, seq));
      }
    };
    room.sink = (_to, text, own, at) => {
      const seq = parseSeq(tag, text);
      if (seq === null && isForeign(options.tag, text)) foreign++;
      if (own || seq === null || !remaining.has(seq)) return;
      received++;
      lastAt = at;
      const left = (remaining.get(seq) ?? 0) - 1;
      if (left > 0) {
        remaining.set(seq, left);
        return;
      }
      remaining.delete(seq);
      inFlight--;
      pump();
    };
    return {
      pump,
      remaining,
      part: (): RoomPart => ({ samples: [], expected: nextSeq * receivers, received }),
    };
  });
  const stop = startCpuMeter(server);
  firstAt = now();
  for (const state of states) state.pump();
  await sleep(options.ms);
  sending = false;
  await waitUntil(() => states.every((s) => s.remaining.size === 0), DRAIN_MS);
  const cpu = stop();
  for (const room of rooms) room.sink = null;
  return {
    sent,
    result: aggregate(
      states.map((s) => s.part()),
      (lastAt - firstAt) / 1000,
    ),
    cpu,
    load1: loadavg()[0] ?? Number.NaN,
    foreign,
  };
}
