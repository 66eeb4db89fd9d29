// What file transfers need from the chat client: its events, a way to send file messages and
// chunks on the current session, and fresh reference numbers. ChatClient provides it; unit
// tests use a fake, so the transfer logic is tested without a room.

import type { Bytes } from '#crypto/base64';
import type { SealedEnvelope } from '#protocol/e2e-messages';
import type { FileClientMessage } from '#protocol/file-messages';
import type { ClientEvents, ConnectionStatus } from '../client-events';
import type { OpenContext, OpenResult, SealParties } from '../e2e/envelope-core';

export type FileLinkEvents = Pick<ClientEvents, 'file' | 'chunk' | 'joined' | 'status' | 'error'>;

/** What private files need from the end-to-end link (ChatClient's `e2e`, client/core/e2e/e2e-link.ts). */
export interface FileE2e {
  /** The keys to seal a private file's offer to `to` with; null when the peer's keys are not known. */
  sealParties(to: string): Promise<SealParties | null>;
  /**
   * Opens a sealed offer with `open` (E2eLink.openSealed): when it is signed by a key of the
   * sender's not seen yet, after asking the room for the sender's keys. Null without an end-to-end
   * session.
   */
  openSealed<T>(
    sealed: { from: string; to: string; envelope: SealedEnvelope },
    open: (ctx: OpenContext) => Promise<OpenResult<T>>,
  ): Promise<OpenResult<T> | null>;
}

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
  /** End-to-end sealing of private files; without it (or the peer's keys) they go as Lobby files do. */
  readonly e2e?: FileE2e;
  /** A number never used before as a message id or file_offer ref by this client. */
  nextRef(): number;
}
