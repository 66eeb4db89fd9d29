// How a socket's queue becomes frames: a pure decision used by the outbox (worker/room/outbox.ts),
// unit-tested in Node (test/unit/worker/room/frame-payloads.test.ts). Its own messages go in frames
// sealed with its session key; room broadcasts in frames sealed once and shared (frameSegments).

import type { Bytes } from '../crypto/base64';
import type { BroadcastKeyset } from './broadcast-keyset';
import { utf8Length } from './utf8-length';

/** A public message queued for many sockets at once: the same object in every recipient's queue. */
export interface BroadcastItem {
  /** Increasing in the order broadcasts were queued: a run of them is named by its ids. */
  readonly id: number;
  readonly json: string;
  /** UTF-8 length of `json`, measured once. */
  readonly size: number;
  /** The broadcast key it is to be sealed with (the one current when it was queued). */
  readonly keyset: BroadcastKeyset;
}

/** What a socket's queue holds: its own JSON and binary payloads, and shared broadcasts. */
export type OutboundItem = string | Bytes | BroadcastItem;

export function isBroadcastItem(item: OutboundItem): item is BroadcastItem {
  return typeof item !== 'string' && !(item instanceof Uint8Array);
}

/** What a queued item counts for in the socket's flow-control account: its payload's bytes. */
export function sizeOf(item: OutboundItem): number {
  if (typeof item === 'string') return utf8Length(item);
  return isBroadcastItem(item) ? item.size : item.byteLength;
}

/** Consecutive broadcasts that go as one frame; the same run for every socket that queued exactly them. */
export interface BroadcastRun {
  /** The ids of its items, joined: identical runs share one sealed frame. */
  readonly name: string;
  /** The id of its first item: runs are numbered in this order (see Outbox.flush). */
  readonly first: number;
  readonly keyset: BroadcastKeyset;
  readonly payload: Bytes;
}

/** One frame for one socket, in order: sealed for it alone, or a shared broadcast run. */
export type Segment = { readonly run: BroadcastRun } | { readonly payload: Bytes };

const encoder = new TextEncoder();

const BATCH_HEAD = '{"type":"batch","messages":[';
const BATCH_TAIL = ']}';
const BATCH_OVERHEAD = BATCH_HEAD.length + BATCH_TAIL.length;

/**
 * Turns one socket's queue into frame payloads: its JSON messages first, then its binary payloads
 * (file chunks) in order, one frame each. The JSON goes as one payload (a `batch` when there are
 * several), split by bytes so that no batch is larger than `maxJsonBytes` (a single message larger
 * than that goes alone; the room's pages are built to fit). Chat overtakes file data queued in the
 * same flush: a 256 KiB chunk takes far longer to cross a slow link than a message, and nothing in
 * a chunk depends on the messages around it. `encoded` shares the UTF-8 encoding of identical JSON
 * payloads across recipients (e.g. a broadcast).
 */
export function framePayloads(
  items: readonly (string | Bytes)[],
  encoded = new Map<string, Bytes>(),
  maxJsonBytes = Number.POSITIVE_INFINITY,
  /** UTF-8 lengths already measured in this flush: a broadcast's string is measured once, not per recipient. */
  sizes = new Map<string, number>(),
): Bytes[] {
  const groups: string[][] = [];
  const binary: Bytes[] = [];
  let group: string[] = [];
  let groupBytes = BATCH_OVERHEAD;
  for (const item of items) {
    if (typeof item !== 'string') {
      binary.push(item);
      continue;
    }
    let size = sizes.get(item);
    if (size === undefined) {
      size = utf8Length(item);
      sizes.set(item, size);
    }
    // One comma per message after the first.
    if (group.length > 0 && groupBytes + 1 + size > maxJsonBytes) {
      groups.push(group);
      group = [];
      groupBytes = BATCH_OVERHEAD;
    }
    groupBytes += (group.length > 0 ? 1 : 0) + size;
    group.push(item);
  }
  if (group.length > 0) groups.push(group);
  const payloads = groups.map((g) => {
    const payload = g.length === 1 ? (g[0] as string) : `${BATCH_HEAD}${g.join(',')}${BATCH_TAIL}`;
    let bytes = encoded.get(payload);
    if (!bytes) {
      bytes = encoder.encode(payload) as Bytes;
      encoded.set(payload, bytes);
    }
    return bytes;
  });
  return [...payloads, ...binary];
}

/**
 * Turns one socket's queue into frames, keeping its order: each stretch of its own JSON becomes
 * payloads as framePayloads makes them, each stretch of broadcasts (of one key) becomes runs, split
 * by bytes the same way for every socket, so identical stretches share one run from `runs`; binary
 * payloads come last, one frame each. The room relays no client bytes here: a run holds only JSON
 * the room built.
 */
export function frameSegments(
  items: readonly OutboundItem[],
  runs: Map<string, BroadcastRun>,
  encoded = new Map<string, Bytes>(),
  maxJsonBytes = Number.POSITIVE_INFINITY,
  sizes = new Map<string, number>(),
): Segment[] {
  const out: Segment[] = [];
  const binary: Bytes[] = [];
  let own: string[] = [];
  let shared: BroadcastItem[] = [];
  const endOwn = () => {
    for (const payload of framePayloads(own, encoded, maxJsonBytes, sizes)) out.push({ payload });
    own = [];
  };
  const endShared = () => {
    for (const group of groupBySize(shared, maxJsonBytes)) out.push({ run: runOf(group, runs, encoded) });
    shared = [];
  };
  for (const item of items) {
    if (typeof item === 'string') {
      if (shared.length > 0) endShared();
      own.push(item);
    } else if (item instanceof Uint8Array) {
      binary.push(item);
    } else {
      if (own.length > 0) endOwn();
      if (shared.length > 0 && shared[shared.length - 1]?.keyset !== item.keyset) endShared();
      shared.push(item);
    }
  }
  if (own.length > 0) endOwn();
  if (shared.length > 0) endShared();
  for (const payload of binary) out.push({ payload });
  return out;
}

function groupBySize(items: readonly BroadcastItem[], maxJsonBytes: number): BroadcastItem[][] {
  const groups: BroadcastItem[][] = [];
  let group: BroadcastItem[] = [];
  let groupBytes = BATCH_OVERHEAD;
  for (const item of items) {
    if (group.length > 0 && groupBytes + 1 + item.size > maxJsonBytes) {
      groups.push(group);
      group = [];
      groupBytes = BATCH_OVERHEAD;
    }
    groupBytes += (group.length > 0 ? 1 : 0) + item.size;
    group.push(item);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function runOf(
  group: readonly BroadcastItem[],
  runs: Map<string, BroadcastRun>,
  encoded: Map<string, Bytes>,
): BroadcastRun {
  const name = group.map((item) => item.id).join(',');
  const known = runs.get(name);
  if (known) return known;
  const first = group[0] as BroadcastItem;
  const json =
    group.length === 1 ? first.json : `${BATCH_HEAD}${group.map((i) => i.json).join(',')}${BATCH_TAIL}`;
  let payload = encoded.get(json);
  if (!payload) {
    payload = encoder.encode(json) as Bytes;
    encoded.set(json, payload);
  }
  const run = { name, first: first.id, keyset: first.keyset, payload };
  runs.set(name, run);
  return run;
}
