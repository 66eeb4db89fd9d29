// The ChatRoom's write-behind (write-behind.ts): drained in one `transactionSync`, flushed by the
// room's outbox. Used by chat-room.ts; the message tables read through `SqlExec` (messages/).

import { logInternalError } from './internal-error';
import { WriteBehind } from './write-behind';

/** What the message tables use of SqlStorage. */
export type SqlExec = Pick<SqlStorage, 'exec'>;

/**
 * When a drain fails, messages were handled, and their copies queued, that are not stored: the room
 * resets (the instance and its queues go, every socket is closed) rather than send them, and clients
 * reconnect and resend what was not acknowledged.
 */
export function roomWriteBehind(
  ctx: DurableObjectState,
  outbox: () => { requestFlush(): void },
): WriteBehind {
  return new WriteBehind(
    (writes) => ctx.storage.transactionSync(writes),
    () => outbox().requestFlush(),
    (error) => {
      logInternalError('writeBehind', error);
      ctx.abort('a message could not be stored');
    },
  );
}
