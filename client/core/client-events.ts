// What a ChatClient tells its listeners: its connection status and the events it emits, each with
// its payload. chat-client.ts re-exports these, so users of the client import them from there.

import type { FileChunk } from '#protocol/chunk-codec';
import type { HelloFrame } from '#protocol/control-frames';
import type { FileServerMessage } from '#protocol/file-messages';
import type { ServerMessage, ServerMessageOf } from '#protocol/server-messages';
import type { FinalClose } from './close-policy';
import type { OpenFailure } from './e2e/envelope-core';
import type { RoomError } from './room-error';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended';

/** Why a sealed private message shows as "could not be decrypted"; 'no_session': no end-to-end keys here. */
export type E2eFailure = OpenFailure | 'no_session';
/** Sealed end to end: opened, or not (its `text` is then empty and must never be shown). */
export type E2eState = { readonly ok: true } | { readonly ok: false; readonly reason: E2eFailure };

/** A private message as the client hands it on: `text` is the plaintext, or the opened envelope's. */
export type PrivateEntry = Omit<ServerMessageOf<'pm'>, 'text' | 'envelope'> & {
  text: string;
  /** Present when it came sealed end to end (client/core/e2e/e2e-link.ts). */
  e2e?: E2eState;
};
export type ChatEntry = ServerMessageOf<'msg'> | PrivateEntry;
export type HistoryEntries = Omit<ServerMessageOf<'history'>, 'messages'> & { messages: ChatEntry[] };
/** A room message after the end-to-end layer: private messages opened, everything else as it came. */
export type InboundMessage =
  | Exclude<ServerMessage, { type: 'pm' | 'history' }>
  | PrivateEntry
  | HistoryEntries;

export interface ClientEvents extends Record<string, unknown> {
  status: ConnectionStatus;
  hello: HelloFrame;
  joined: ServerMessageOf<'joined'>;
  message: ChatEntry;
  presence: ServerMessageOf<'presence'>;
  /** A queued message the room refused. */
  failed: RoomError & { cid: number };
  /**
   * A resent message the room had already handled before a reconnect: it is delivered, but its
   * echo was lost with the old socket, so no `message` with this cid will come.
   */
  acked: number;
  /** Any other error from the room, or a connection problem worth showing. */
  error: RoomError;
  /** The name could not be taken back after a reconnect (its reservation ran out). */
  nameLost: string;
  /** A file-sharing message from the room (handled by the file transfer layer). */
  file: FileServerMessage;
  /** A chunk of a file we are downloading (handled by the file transfer layer). */
  chunk: FileChunk;
  /** Earlier messages: the page a join brings (no `before`), or an answer to loadOlder(). */
  history: HistoryEntries;
  searchResults: ServerMessageOf<'search_results'>;
  typing: ServerMessageOf<'typing'>;
  /** How far a peer has received and seen our private messages. */
  receipt: ServerMessageOf<'receipt'>;
  /** A reaction, edit or deletion of a message (#protocol/message-events), once each. */
  messageEvent: ServerMessageOf<'reaction'> | ServerMessageOf<'edited'> | ServerMessageOf<'deleted'>;
  /** Kicked, banned or the room closed (close-policy.ts): the client stopped and will not reconnect. */
  ended: FinalClose;
  /** Owners and moderation (docs/protocol.md section 4.2): settings, a proven role, system lines, what was done to us. */
  moderation:
    | ServerMessageOf<'room_settings'>
    | ServerMessageOf<'role'>
    | ServerMessageOf<'system'>
    | ServerMessageOf<'moderated'>;
}
