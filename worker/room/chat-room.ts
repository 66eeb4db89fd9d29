// The ChatRoom Durable Object: one per room (idFromName(slug), or newUniqueId for an unlisted room),
// holding every socket through the WebSocket Hibernation API. A thin dispatcher: read the socket's state, check the frame, hand it to a
// handler. Everything it needs after an eviction lives in socket attachments or SQLite.

import { DurableObject } from 'cloudflare:workers';
import { configOf } from '../config';
import type { AuditEventsPage, AuditStats } from '../protocol/audit-events';
import { CLOSE_CODES } from '../protocol/errors';
import {
  HANDSHAKE_DEADLINE_MS,
  HEARTBEAT_PING,
  HEARTBEAT_PONG,
  MAX_FRAME_BYTES,
  PRESENCE_COALESCE_MS,
  TYPING_COALESCE_MS,
} from '../protocol/limits';
import type { LeaveReason } from '../protocol/server-messages';
import { nameKey } from '../protocol/username';
import { Admission } from './admission/admission';
import { refusalResponse } from './admission/admission-check';
import { AlarmSchedule } from './alarm-schedule';
import { ADMIN_FAILURES_LOGGED_PER_MINUTE, AuditLog } from './audit/audit-log';
import { type EventFilter, hourlyStats, listEvents } from './audit/audit-queries';
import { auditRetentionFrom } from './audit/audit-retention';
import { deleteMessage, purgeEvents, purgeHistory } from './audit/operator-purges';
import { type AttachmentWrite, handleEncryptedFrame } from './encrypted-frame';
import { ExpensiveGuard } from './expensive-guard';
import { FileRoom } from './files/file-room';
import { FloodGuard } from './flood-guard';
import { flowLimits } from './flow-limits';
import { reportFrameFailure } from './frame-failure';
import { handleKeyFrame, openHandshake } from './handlers/handshake';
import { reservationExpiry } from './handlers/join';
import { deliverReactions } from './handlers/message-events';
import { deliverPresence } from './handlers/presence';
import { deliverTyping } from './handlers/typing';
import { handling, logInternalError, type Where } from './internal-error';
import { isJoined, type JoinedSocket } from './joined-socket';
import { KeyDirectory } from './key-directory';
import { leaveRoom } from './leave-room';
import { type LiveSocket, LiveSockets } from './live-socket';
import { setEventLogging } from './log';
import { historyPolicy } from './messages/history-policy';
import type { MessageStore } from './messages/message-store';
import { openMessages } from './messages/open-messages';
import { shutRoom } from './moderation/close-room';
import { ModerationStore } from './moderation/moderation-store';
import { closeQuietly, Outbox } from './outbox';
import { PresenceBatcher, presenceDelay } from './presence-batcher';
import { ReactionBatcher } from './reaction-batcher';
import { releaseBuffer } from './release-buffer';
import type { RoomContext } from './room-context';
import { RoomDirectoryLink } from './room-directory-link';
import { loadRoomKey, memoizedRoomKey } from './room-key-loader';
import { roomRules } from './room-rules';
import { RoomStore } from './room-store';
import { sweepRoom } from './room-sweep';
import { roomWriteBehind } from './room-writes';
import { shedSlowConsumer } from './slow-consumer';
import { writeAttachment } from './socket-attachment';
import { TypingBatcher, typingDelay } from './typing-batcher';
import { readsAfterWrites } from './write-behind';

export class ChatRoom extends DurableObject<Env> implements RoomContext {
  readonly store: RoomStore;
  readonly outbox: Outbox;
  readonly members = new Map<string, JoinedSocket>();
  readonly files: FileRoom;
  readonly messages: MessageStore;
  readonly keys = new KeyDirectory(this.ctx.storage.sql, (name, keys) => this.presence.keys(name, keys));
  readonly typing: TypingBatcher;
  readonly reactionBatch: ReactionBatcher;
  readonly audit: AuditLog;
  readonly rules = roomRules(this.env);
  readonly moderation = new ModerationStore(this.ctx.storage.sql);
  /** A message's writes wait for the next flush and share its commit; a failed one resets the room. */
  readonly writes = roomWriteBehind(this.ctx, () => this.outbox);
  /** Its own address, the gate on upgrades and the reports to the RoomDirectory. */
  readonly rooms: RoomDirectoryLink;
  /** Loaded on first need, so a wake-up for an alarm sweep imports no keys. */
  readonly roomKey = memoizedRoomKey(() => loadRoomKey(this.store, this.env.ROOM_PRIVATE_KEY, this.audit));
  /** 0 until first needed: a wake-up that sends nothing writes nothing. */
  private epoch = 0;
  private readonly sockets: LiveSockets;
  readonly presence: PresenceBatcher;
  private readonly flood: FloodGuard;
  private readonly expensive: ExpensiveGuard;
  private readonly admission: Admission;
  /** Every frame, flush and sweep runs through this queue, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly alarms: AlarmSchedule;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const config = configOf(env);
    this.alarms = new AlarmSchedule(ctx.storage);
    setEventLogging(config.LOG_EVENTS === 'on');
    this.store = new RoomStore(ctx.storage.sql);
    this.rooms = new RoomDirectoryLink(ctx, env, this);
    this.files = new FileRoom(ctx.storage.sql, env.FILES, config, this);
    this.messages = openMessages(ctx.storage.sql, historyPolicy(config), this.writes);
    const gatherMs = () => typingDelay(this.members.size, TYPING_COALESCE_MS); // typing and reactions alike
    this.typing = new TypingBatcher(
      gatherMs,
      (batch) => void this.serial('typingFlush', async () => deliverTyping(this, batch)),
    );
    this.reactionBatch = new ReactionBatcher(
      gatherMs,
      (ids) => void this.serial('reactionFlush', async () => deliverReactions(this, ids)),
    );
    const alarmAt = (at: number) =>
      void this.ensureAlarm(at).catch((e) => logInternalError('ensureAlarm', e));
    // Its reads (the admin API) and writes come after the messages waiting behind, whose rows it counts.
    const auditSql = readsAfterWrites(ctx.storage.sql, this.writes);
    this.audit = new AuditLog(auditSql, auditRetentionFrom(config), () => Date.now(), alarmAt);
    this.flood = new FloodGuard(this, config);
    this.admission = new Admission(config, this.store);
    this.expensive = new ExpensiveGuard(this, config);
    this.sockets = new LiveSockets(this.flood.burst, this.expensive.burst);
    this.outbox = new Outbox(
      () => this.currentEpoch(),
      (ws) => this.onDeadSocket(ws),
      (task) => void this.serial('outboxFlush', task),
      {
        limits: flowLimits(config),
        slowConsumer: (live, why) => shedSlowConsumer(this, live, why),
        beforeSend: () => this.writes.drain(),
      },
      this.store,
    );
    this.presence = new PresenceBatcher(
      () => presenceDelay(this.members.size, PRESENCE_COALESCE_MS),
      (take) => void this.serial('presenceFlush', async () => deliverPresence(this, take())),
    );
    // Heartbeats are answered by the runtime itself, so they never wake a hibernating room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_PING, HEARTBEAT_PONG));
    // One-time initialisation only. If it throws, the object is reset and the next request retries.
    void ctx.blockConcurrencyWhile(() => this.initialise());
  }

  private async initialise(): Promise<void> {
    this.store.migrate();
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets()) {
      const live = this.sockets.get(ws, now);
      if (!live) {
        closeQuietly(ws, CLOSE_CODES.protocol, 'unknown socket');
      } else if (isJoined(live)) {
        this.members.set(nameKey(live.att.name), live);
      }
    }
    const orphans = this.store.releaseOrphans(new Set(this.members.keys()), reservationExpiry(now));
    if (orphans > 0) this.outbox.keys?.retire(); // they held the broadcast key
    this.messages.prune(now);
    this.moderation.prune(now);
  }

  // ---- RoomContext -------------------------------------------------------------------------
  now(): number {
    return Date.now();
  }

  addMember(key: string, live: JoinedSocket, announce: boolean): void {
    const before = this.members.size;
    this.members.set(key, live);
    this.rooms.reporter.membersChanged(before, this.members.size);
    if (announce) this.presence.join(live.att.name);
  }

  disconnect(live: LiveSocket, code: number, why: string, reason: LeaveReason): void {
    // Order matters: a fatal error queued just before must reach the client before the close.
    if (this.outbox.hasQueued(live)) live.closeAfter = { code, why };
    this.leave(live, reason);
    if (!live.closeAfter) closeQuietly(live.ws, code, why);
  }

  defer(task: () => Promise<void>): Promise<void> {
    return this.serial('defer', task);
  }

  closeRoom(): Promise<void> {
    return shutRoom(
      this,
      this.ctx.getWebSockets().flatMap((ws) => this.sockets.get(ws, Date.now()) ?? []),
    );
  }

  ensureSweep(): Promise<void> {
    return this.alarms.ensureSweep(Date.now());
  }

  /** One alarm serves every sweep: it is kept at the earliest due time (alarm-schedule.ts). */
  ensureAlarm(at: number): Promise<void> {
    return this.alarms.ensure(at);
  }

  /** This wake-up's epoch: the high word of outbound sequence numbers (see RoomStore.nextEpoch). */
  private currentEpoch(): number {
    if (this.epoch === 0) this.epoch = this.store.nextEpoch();
    return this.epoch;
  }

  // ---- Rooms (RPC from worker/http/room-api.ts) ------------------------------------------------
  /** POST /api/rooms made this object an unlisted room; `ownerHash` is its owner token's SHA-256. */
  openUnlisted(ownerHash: string): void {
    this.rooms.openUnlisted();
    this.moderation.adoptOwner(ownerHash);
  }

  /** POST /api/rooms counted in a new public room: its creator's owner token owns it from now on. */
  adoptOwner(ownerHash: string): void {
    this.moderation.adoptOwner(ownerHash);
  }

  /** Whether this room has been named (by its first socket, or as an unlisted room by POST /api/rooms). */
  exists(): boolean {
    return this.rooms.identity.get() !== null;
  }

  // ---- Admin API (RPC from worker/http/admin-routes.ts) ---------------------------------------
  /** A page of audit events; the worker has checked the filter. */
  listEvents(filter: EventFilter): AuditEventsPage {
    return listEvents(this.audit.sql, filter);
  }

  /** The operator's purge (DELETE /api/admin/history): every stored message and receipt goes. */
  purgeHistory(): { deleted: number } {
    return purgeHistory(this.messages, this.audit);
  }

  /** The operator's delete (DELETE /api/admin/messages/:id): the message becomes a tombstone. */
  deleteMessage(id: number): { deleted: boolean } {
    return deleteMessage(this, id);
  }

  /** The operator's purge of the audit log (DELETE /api/admin/events); the purge itself is the first new event. */
  purgeEvents(): { deleted: number } {
    return purgeEvents(this.audit);
  }

  /** A failed admin login (worker/http/admin-auth.ts): a few a minute one by one, then only counted. */
  adminAuthFailed(code: 'bad_token' | 'too_many_attempts'): void {
    this.audit.recordCapped('admin_auth_failed', { code }, ADMIN_FAILURES_LOGGED_PER_MINUTE);
  }

  /** Joins, messages and errors per hour for the last `hours` hours. */
  eventStats(hours: number): AuditStats {
    return hourlyStats(this.audit.sql, hours, Date.now());
  }

  // ---- Entry points -------------------------------------------------------------------------
  /** Called by the worker with a checked upgrade request. */
  override async fetch(request: Request): Promise<Response> {
    try {
      return await this.acceptSocket(request);
    } catch (error) {
      // The worker answers 500 (worker/http/app.ts); this names the room's side of it.
      logInternalError('fetch', error);
      throw error;
    }
  }

  private async acceptSocket(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    const gated = await this.rooms.gate(request);
    if ('refusal' in gated) return gated.refusal;
    const roomKey = await this.roomKey();
    const admitted = await this.admission.decide(request, () =>
      this.ctx.getWebSockets().map((ws) => this.sockets.get(ws, Date.now())),
    );
    if (admitted.refusal) {
      this.audit.record('connect_refused', { code: admitted.refusal.error });
      return refusalResponse(admitted.refusal);
    }
    const now = Date.now();
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    openHandshake(server, roomKey, admitted.ipDigest, now);
    this.audit.record('connect');
    await this.ensureSweep();
    await this.ensureAlarm(now + HANDSHAKE_DEADLINE_MS);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    return this.serial('webSocketMessage', () =>
      this.onFrame(ws, message).catch((error: unknown) =>
        reportFrameFailure(this, this.sockets.get(ws, Date.now()), error),
      ),
    );
  }

  override webSocketClose(ws: WebSocket, code: number, _reason: string, _wasClean: boolean): Promise<void> {
    return this.serial('webSocketClose', async () => {
      const live = this.sockets.get(ws, Date.now());
      if (live) this.leave(live, 'left');
      // Reply to the close frame; 1005 and 1006 are reserved and must not be sent.
      closeQuietly(ws, code === 1005 || code === 1006 || code === 1015 ? CLOSE_CODES.normal : code, 'bye');
    });
  }

  override webSocketError(ws: WebSocket, _error: unknown): Promise<void> {
    return this.serial('webSocketError', async () => {
      const live = this.sockets.get(ws, Date.now());
      if (live) this.leave(live, 'left');
    });
  }

  /** Stale sockets (a tab or network may go without a close frame), handshake and join deadlines
   * (admission/socket-deadlines.ts), expired and abandoned files: the next run is for whichever is due first. */
  override alarm(): Promise<void> {
    return this.serial('alarm', async () => {
      const now = Date.now();
      this.alarms.fired();
      const sockets = this.ctx.getWebSockets().flatMap((ws) => {
        const live = this.sockets.get(ws, now);
        const heartbeatAt = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
        return live ? [{ live, heartbeatAt }] : [];
      });
      await sweepRoom(this, sockets, () => this.ctx.getWebSockets().length, now);
    });
  }

  // ---- Internals -----------------------------------------------------------------------------
  /** Runs `task` after everything queued so far; an error it throws is logged as happening at `where`. */
  private serial(where: Where, task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      logInternalError(where, error);
    });
  }

  private async onFrame(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const now = Date.now();
    const live = this.sockets.get(ws, now);
    if (!live) {
      closeQuietly(ws, CLOSE_CODES.protocol, 'unknown socket');
      return;
    }
    // The room already let this socket go (stale, flood, replaced): a late frame changes nothing.
    if (live.closed) return;
    // Any frame, even one the rate limit refuses, shows the socket is alive (the sweep reads this).
    live.att.lastSeen = now;
    const size = typeof message === 'string' ? message.length : message.byteLength;
    // Encrypted frames are admitted once opened (onEncryptedFrame): file data is exempt from the limit.
    const sealed = typeof message !== 'string' && live.att.key !== undefined;
    if ((!sealed || size > MAX_FRAME_BYTES) && !this.flood.admit(live, now)) return;
    if (size > MAX_FRAME_BYTES) {
      this.audit.record('protocol_error', { user: live.att.name ?? null, code: 'too_large', size });
      this.flood.reject(live, 'too_large');
      return;
    }
    let write: AttachmentWrite = 'persist';
    try {
      if (typeof message === 'string') {
        if (live.att.key) {
          this.audit.record('protocol_error', { user: live.att.name ?? null, code: 'bad_frame' });
          this.outbox.error(live, 'bad_frame', { detail: 'expected a binary encrypted frame' });
        } else await handling('key', () => handleKeyFrame(this, live, message));
      } else if (!live.att.key) {
        this.audit.record('protocol_error', { code: 'handshake_required' });
        this.outbox.controlError(ws, 'handshake_required');
      } else {
        write = await handleEncryptedFrame(
          this,
          { flood: this.flood, expensive: this.expensive },
          live,
          new Uint8Array(message),
          now,
        );
        // Opened and handled: free it now (up to 256 KiB of file data; see release-buffer.ts).
        releaseBuffer(message);
      }
    } finally {
      if (!live.closed && write === 'persist') writeAttachment(ws, live.att);
    }
  }

  private leave(live: LiveSocket, reason: LeaveReason): void {
    leaveRoom(this, this.members, live, reason);
  }

  private onDeadSocket(ws: WebSocket): void {
    const live = this.sockets.get(ws, Date.now());
    if (live) this.disconnect(live, CLOSE_CODES.internal, 'send failed', 'left');
  }
}
