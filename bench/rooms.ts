// `npm run bench -- --rooms` (issue 14): many rooms against one room with as many members, in one
// run. Each system gets its own fresh `wrangler dev` (so one's sockets and heap do not weigh on the
// other): its rooms are created through POST /api/rooms, each is joined by lean clients (as
// `--versus` uses) at /r/<slug>/ws, then every room sends at once (bench/rooms-load.ts).

import { benchNames, ClientGroup } from './clients';
import type { BenchOptions } from './options';
import { chatSpaceClients, type RelayClients } from './relay-clients';
import { type RoomsWindow, runRoomsClosedLoop, runRoomsOpenLoop } from './rooms-load';
import { type RoomsShape, roomSlugs, roomsShape } from './rooms-plan';
import { log } from './sequence';
import { type DevServer, startDevServer } from './server';
import { now, waitUntil } from './time';

const JOIN_TIMEOUT_MS = 60_000;
const ROSTER_TIMEOUT_MS = 30_000;
/** Room creations allowed per IP per hour on the bench's server: all bench requests come from 127.0.0.1. */
const BENCH_CREATIONS_PER_HOUR = 1_000;

export interface RoomsWindowRun {
  /** What the window is, for the table: "same send rate", "same deliveries", "closed loop". */
  name: string;
  ratePerRoom: number | null;
  inFlightPerRoom: number | null;
  window: RoomsWindow;
}

export interface RoomsSystemRun {
  rooms: number;
  perRoom: number;
  joinSec: number;
  /** Clients whose roster held someone from another room after the joins: 0 when rooms are isolated. */
  rosterLeaks: number;
  windows: RoomsWindowRun[];
  /** Errors from the room, refused joins and unexpected closes, over all clients. */
  clientProblems: number;
  internalErrors: number;
}

async function createRoom(dev: DevServer, slug: string): Promise<void> {
  const response = await fetch(`${dev.origin}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ slug }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/rooms {"slug":"${slug}"}: ${response.status} ${await response.text()}`);
}

async function joinRoom(
  dev: DevServer,
  slug: string,
  n: number,
  options: BenchOptions,
): Promise<ClientGroup> {
  // The same names in every room: a username is unique per room only.
  const group = await ClientGroup.joinLean(
    `ws://127.0.0.1:${dev.port}/r/${slug}/ws`,
    benchNames('member', n),
    options.joinConcurrency,
    slug,
    JOIN_TIMEOUT_MS,
  );
  if (!(await waitUntil(() => group.rosterFullCount === n, ROSTER_TIMEOUT_MS, 50)))
    throw new Error(`${slug}: only ${group.rosterFullCount}/${n} rosters became full`);
  return group;
}

async function measure(
  label: string,
  rooms: number,
  perRoom: number,
  shape: RoomsShape,
  options: BenchOptions,
  track: (s: DevServer | null) => void,
): Promise<RoomsSystemRun> {
  log(`rooms: ${label}, ${rooms} room(s) × ${perRoom} clients, a fresh wrangler dev`);
  const dev = await startDevServer({
    startupTimeoutMs: 60_000,
    vars: { ROOM_CREATIONS_PER_HOUR: String(BENCH_CREATIONS_PER_HOUR) },
    onSpawn: track,
  });
  const groups: ClientGroup[] = [];
  try {
    const slugs = roomSlugs(label, rooms);
    for (const slug of slugs) await createRoom(dev, slug);
    const start = now();
    for (const slug of slugs) groups.push(await joinRoom(dev, slug, perRoom, options));
    const joinSec = (now() - start) / 1000;
    const rosterLeaks = groups.reduce(
      (sum, group) => sum + group.clients.filter((c) => c.roster.size !== perRoom).length,
      0,
    );
    log(`rooms: ${label}, ${rooms * perRoom} joined in ${joinSec.toFixed(1)} s`);
    const relays: RelayClients[] = groups.map((group, i) => chatSpaceClients(group, slugs[i] ?? label));
    // The many rooms send `ratePerRoom` each; the one room sends their total.
    const scale = shape.rooms / rooms;
    const windows: RoomsWindowRun[] = [];
    const open = async (name: string, ratePerRoom: number, tag: string) => {
      const window = await runRoomsOpenLoop(dev, relays, { ratePerRoom, ms: options.latencyMs, tag });
      windows.push({ name, ratePerRoom, inFlightPerRoom: null, window });
    };
    await open('same send rate', shape.ratePerRoom * scale, 'sr');
    if (rooms > 1) await open('same deliveries/s', shape.busyRatePerRoom, 'sd');
    const closed = await runRoomsClosedLoop(dev, relays, {
      inFlightPerRoom: shape.inFlightPerRoom,
      ms: options.fanoutMs,
      tag: 'cl',
    });
    windows.push({
      name: 'closed loop',
      ratePerRoom: null,
      inFlightPerRoom: shape.inFlightPerRoom,
      window: closed,
    });
    return {
      rooms,
      perRoom,
      joinSec,
      rosterLeaks,
      windows,
      clientProblems: groups.reduce((sum, group) => sum + group.problemCount, 0),
      internalErrors: dev.logs.internalErrors,
    };
  } finally {
    await Promise.all(groups.map((group) => group.closeAll(10_000)));
    await dev.stop();
    track(null);
  }
}

/** Many rooms, then one room with as many members, each in its own wrangler dev. */
export async function runRooms(
  options: BenchOptions,
  track: (server: DevServer | null) => void,
): Promise<{ shape: RoomsShape; runs: RoomsSystemRun[] }> {
  const shape = roomsShape(options.quick);
  const many = await measure('many', shape.rooms, shape.perRoom, shape, options, track);
  const one = await measure('one', 1, shape.single, shape, options, track);
  return { shape, runs: [many, one] };
}
