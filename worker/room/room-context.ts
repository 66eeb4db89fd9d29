// What the message handlers may do to the room. The ChatRoom DO implements it; handlers stay
// small functions that are easy to read one at a time, each asking for the Pick<RoomContext, …>
// it uses (see flood-guard.ts).

import type { RoomKeyPair } from '../crypto/room-key';
import type { LeaveReason } from '../protocol/server-messages';
import type { AuditLog } from './audit/audit-log';
import type { FileRoom } from './files/file-room';
import type { JoinedSocket } from './joined-socket';
import type { KeyDirectory } from './key-directory';
import type { LiveSocket } from './live-socket';
import type { MessageStore } from './messages/message-store';
import type { ModerationStore } from './moderation/moderation-store';
import type { Outbox } from './outbox';
import type { PresenceBatcher } from './presence-batcher';
import type { ReactionBatcher } from './reaction-batcher';
import type { RoomDirectoryLink } from './room-directory-link';
import type { RoomRules } from './room-rules';
import type { RoomStore } from './room-store';
import type { TypingBatcher } from './typing-batcher';
import type { WriteBehind } from './write-behind';

export interface RoomContext {
  readonly store: RoomStore;
  readonly outbox: Outbox;
  /** The audit log: `room.audit.record(kind, fields)` for every event an operator may ask about. */
  readonly audit: AuditLog;
  /** The room's RSA key pair, loaded (or generated) on first use. */
  roomKey(): Promise<RoomKeyPair>;
  /** File sharing: tables, R2 staging, limits and the transfers in progress. */
  readonly files: FileRoom;
  now(): number;
  /** Message history: stable ids, pages, replay, search, receipts; reactions, edits, deletions (`.events`). */
  readonly messages: MessageStore;
  /** Writes that wait for the next flush, to share its commit (write-behind.ts): a message's own. */
  readonly writes: WriteBehind;
  /** Reaction toggles waiting for their coalesced flush. */
  readonly reactionBatch: ReactionBatcher;
  /** Published end-to-end public keys, per name's session. */
  readonly keys: KeyDirectory;
  /** This room's reports to the RoomDirectory (a message moves its last activity). */
  readonly rooms: Pick<RoomDirectoryLink, 'reporter' | 'isLink' | 'listingChanged'>;
  /** Owner token hash, topic, visibility, slow mode, bans and mutes (moderation/moderation-store.ts). */
  readonly moderation: ModerationStore;
  /** Keys announcements still waiting for the presence flush, to send ahead (keys-ahead.ts). */
  readonly presence: Pick<PresenceBatcher, 'keysAhead'>;
  /** Typing signals waiting for their coalesced flush. */
  readonly typing: TypingBatcher;
  /** The deployment's reaction cap, and the check of an admin's token (room-rules.ts). */
  readonly rules: RoomRules;
  /** Joined sockets, by lower-cased name. */
  readonly members: ReadonlyMap<string, JoinedSocket>;
  /** Adds a joined socket; `announce` is false when it replaces the same user's older socket. */
  addMember(nameKey: string, live: JoinedSocket, announce: boolean): void;
  /** Closes a socket; a joined one leaves the roster with `reason`. */
  disconnect(live: LiveSocket, code: number, why: string, reason: LeaveReason): void;
  /**
   * An owner closed the room (handlers/moderation.ts): every socket is closed, and its history, files
   * (R2 too), audit log, names and settings are deleted; the directory forgets it.
   */
  closeRoom(): Promise<void>;
  /** Makes sure the stale-socket sweep is scheduled. */
  ensureSweep(): Promise<void>;
  /** Makes sure the alarm runs at `at` or earlier (e.g. when a file falls due). */
  ensureAlarm(at: number): Promise<void>;
}
