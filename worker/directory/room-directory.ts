// The RoomDirectory Durable Object, one per deployment (directory-stub.ts): which rooms exist, for
// MAX_ROOMS and the per-IP creation limit, and the public ones' member counts for GET /api/rooms.
// Rooms report to it after the fact, coalesced (worker/room/directory-reporter.ts), never on the
// message path. Every RPC input is parsed, not trusted. The admin API asks it which rooms exist
// (listAll, knows). Tested in test/worker/room-directory.test.ts and test/worker/admin-rooms.test.ts.

import { DurableObject } from 'cloudflare:workers';
import * as v from 'valibot';
import type { AdminRoomsPage } from '../protocol/admin-rooms';
import { DEFAULT_ROOM } from '../protocol/room-address';
import type { RoomListing } from '../protocol/room-listing';
import { CreationLimit } from './creation-limit';
import {
  type CreateInput,
  CreateInputSchema,
  type CreateResult,
  count,
  type ListAllInput,
  ListAllInputSchema,
  type ReportInput,
  ReportInputSchema,
  RoomKeySchema,
  type SettingsInput,
  SettingsInputSchema,
} from './directory-requests';
import { DirectoryStore, FORGET_EMPTY_AFTER_MS } from './directory-store';

export class RoomDirectory extends DurableObject<Env> {
  private readonly store: DirectoryStore;
  private readonly limit = new CreationLimit();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new DirectoryStore(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /** Counts a new room in, within MAX_ROOMS and the creator's creation limit. */
  create(input: CreateInput): CreateResult {
    const request = v.parse(CreateInputSchema, input);
    const now = Date.now();
    if (this.store.has(request.key)) {
      return request.explicit && request.listed
        ? { ok: false, code: 'room_exists' }
        : { ok: true, created: false };
    }
    if (request.key !== DEFAULT_ROOM) {
      this.forget(now);
      if (this.store.count() >= request.maxRooms) return { ok: false, code: 'room_limit' };
      const retryAfterS = request.ip ? this.limit.take(request.ip, request.perHour, now) : 0;
      if (retryAfterS > 0) return { ok: false, code: 'rooms_rate_limited', retryAfterS };
    }
    this.store.add(request, now);
    return { ok: true, created: true };
  }

  /** A room's coalesced report of its member count and last activity. */
  report(input: ReportInput): void {
    this.store.report(v.parse(ReportInputSchema, input));
  }

  /** An owner made the room public or unlisted, or changed its topic (worker/room/room-directory-link.ts). */
  settings(input: SettingsInput): void {
    this.store.settings(v.parse(SettingsInputSchema, input));
  }

  /** An owner closed the room: it is forgotten, and its slug may be created again. */
  remove(key: string): void {
    this.store.remove(v.parse(RoomKeySchema, key));
  }

  /** Public rooms, the busiest first, at most `limit`. */
  list(limit: number): RoomListing[] {
    this.forget(Date.now());
    return this.store.listPublic(v.parse(v.pipe(count, v.maxValue(1000)), limit));
  }

  /** Every room the deployment counts, public and unlisted, a page in key order (the admin's list). */
  listAll(input: ListAllInput): AdminRoomsPage {
    const { after = '', limit } = v.parse(ListAllInputSchema, input);
    this.forget(Date.now());
    const rooms = this.store.listAll(after, limit + 1);
    const more = rooms.length > limit;
    if (more) rooms.length = limit;
    return { rooms, next: more ? (rooms.at(-1)?.room ?? null) : null };
  }

  /** Whether the deployment counts this room (a slug or `~<hex>`); asking adds nothing. */
  knows(key: string): boolean {
    return this.store.has(v.parse(v.string(), key));
  }

  private forget(now: number): void {
    this.store.forgetEmpty(now - FORGET_EMPTY_AFTER_MS, DEFAULT_ROOM);
  }
}
