// What a ChatClient tells its listeners: its connection status and the events it emits, each with
// its payload. chat-client.ts re-exports these, so users of the client import them from there.

import type { FileChunk } from '#protocol/chunk-codec';
import type { HelloFrame } from '#protocol/control-frames';
import type { FileServerMessage } from '#protocol/file-messages';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { RoomError } from './room-error';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended';

export type ChatEntry = ServerMessageOf<'msg'> | ServerMessageOf<'pm'>;

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
  history: ServerMessageOf<'history'>;
  searchResults: ServerMessageOf<'search_results'>;
  typing: ServerMessageOf<'typing'>;
  /** How far a peer has received and seen our private messages. */
  receipt: ServerMessageOf<'receipt'>;
  /** A reaction, edit or deletion of a message (#protocol/message-events), once each. */
  messageEvent: ServerMessageOf<'reaction'> | ServerMessageOf<'edited'> | ServerMessageOf<'deleted'>;
}
