// What file transfers need from the chat client: its events, a way to send file messages and
// chunks on the current session, and fresh reference numbers. ChatClient provides it; unit
// tests use a fake, so the transfer logic is tested without a room.

import type { Bytes } from '#crypto/base64';
import type { FileClientMessage } from '#protocol/file-messages';
import type { ClientEvents, ConnectionStatus } from '../client-events';

export type FileLinkEvents = Pick<ClientEvents, 'file' | 'chunk' | 'joined' | 'status' | 'error'>;

export interface FileLink {
  readonly status: ConnectionStatus;
  /** Our username once joined. */
  readonly name: string | null;
  /** Bytes the socket still holds to send, when known: uploads wait while it holds a chunk or more. */
  readonly bufferedAmount?: number;
  on<K extends keyof FileLinkEvents>(event: K, handler: (payload: FileLinkEvents[K]) => void): () => void;
  /**
   * Encrypts and sends a file message or an encoded chunk on the current session. Rejects when
   * there is no joined session; the transfer then waits for the rejoin and resumes.
   */
  sendFileFrame(frame: FileClientMessage | Bytes): Promise<void>;
  /** A number never used before as a message id or file_offer ref by this client. */
  nextRef(): number;
}
