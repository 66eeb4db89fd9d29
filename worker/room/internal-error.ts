// Internal errors (bugs, not bad input) with their context: where the room ran into one, and the
// type of the client message it was handling (never anything else from the frame). Handlers' errors
// are labelled by encrypted-frame.ts and chat-room.ts (`handling`); ChatRoom logs them here.

import type { ClientMessage } from '../protocol/client-messages';
import { errorName, logEvent } from './log';

/** An entry point of the ChatRoom, or a task it queued, that ran into the error. */
export type Where =
  | 'fetch'
  | 'webSocketMessage'
  | 'webSocketClose'
  | 'webSocketError'
  | 'alarm'
  | 'defer'
  | 'ensureAlarm'
  | 'outboxFlush'
  | 'presenceFlush'
  | 'typingFlush'
  | 'reactionFlush'
  | 'writeBehind';

/** A client message's `type`, a binary file chunk, or the key-exchange control frame. */
export type HandledType = ClientMessage['type'] | 'file_chunk' | 'key';

/** An error a handler threw, labelled with the type of message it was handling. */
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

/**
 * Logs `{ event: 'internal_error', where, type?, error }`, the error being the class name of what
 * was thrown (a handler's own error, unwrapped). Returns the message type when it is known.
 */
export function logInternalError(where: Where, error: unknown): HandledType | undefined {
  const labelled = error instanceof HandlerError;
  const type = labelled ? error.type : undefined;
  logEvent('internal_error', { where, type, error: errorName(labelled ? error.cause : error) });
  return type;
}
