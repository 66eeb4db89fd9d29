// An error thrown while the room handled one client message, labelled with that message's type
// (never its contents), so that the internal_error log and audit event can say what was being
// handled. Thrown by worker/room/encrypted-frame.ts and chat-room.ts; unwrapped by ChatRoom.

import type { ClientMessage } from '../protocol/client-messages';

/** A client message's `type`, a binary file chunk, or the key-exchange control frame. */
export type HandledType = ClientMessage['type'] | 'file_chunk' | 'key';

export class HandlerError extends Error {
  override readonly name = 'HandlerError';

  constructor(
    readonly type: HandledType,
    cause: unknown,
  ) {
    super(`internal error while handling ${type}`, { cause });
  }
}

/** Runs a message's handler; whatever it throws comes out as a HandlerError naming `type`. */
export async function handling(type: HandledType, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new HandlerError(type, error);
  }
}

/** The error a handler threw and the type it was handling, or the error as it is when unlabelled. */
export function unwrapHandlerError(error: unknown): { type: HandledType | undefined; cause: unknown } {
  return error instanceof HandlerError
    ? { type: error.type, cause: error.cause }
    : { type: undefined, cause: error };
}
