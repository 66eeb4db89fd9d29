// The errors a ChatClient reports: the room's `{ code, message }` (with the message id or file
// transfer it is about), or the client's own `queue_full`, `not_connected` and `e2e_failed` (a
// private message that could not be sealed).

import type { ErrorCode } from '#protocol/errors';

export class RoomError extends Error {
  /** The file transfer the error is about, when there is one. */
  readonly fileId?: string;
  /** The `ref` of a refused file_offer. */
  readonly ref?: number;
  /** `banned`, `muted`, `slow_mode`: how long until it ends, in ms (the room's word). */
  readonly retryMs?: number;
  /**
   * Set by the part of the client that dealt with the error itself (a download that goes on from
   * the chunks it has): the person need not be told.
   */
  recovered = false;

  constructor(
    readonly code: ErrorCode | 'queue_full' | 'not_connected' | 'e2e_failed',
    message: string,
    readonly cid?: number,
    about: { fileId?: string; ref?: number; retryMs?: number } = {},
  ) {
    super(message);
    this.name = 'RoomError';
    if (about.fileId !== undefined) this.fileId = about.fileId;
    if (about.ref !== undefined) this.ref = about.ref;
    if (about.retryMs !== undefined) this.retryMs = about.retryMs;
  }
}

/** Refusals of a join: the name can be tried again, the connection stays. */
export const JOIN_ERRORS: ReadonlySet<string> = new Set([
  'name_too_short',
  'name_too_long',
  'name_bad_chars',
  'name_taken',
  'name_reserved',
  'already_joined',
  'not_admin',
  'not_owner',
  // A banned name or session: the room closes the socket next (4012); the join shows why.
  'banned',
]);
