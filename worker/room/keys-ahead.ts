// A fresh sender's keys, sent ahead to one recipient (issue 12). A member publishes its keys just
// after it joins and may send a sealed private message or file offer at once, while the presence
// change announcing those keys still waits in its batch (presence-batcher.ts, 50 to 500 ms): the
// recipient would get a signature by a key it has not seen. So the room first sends the recipient
// the `keys` answer it would otherwise have to ask for. Once per sender and recipient per batch.
// Tested in test/worker/e2e-private-first-contact.test.ts.

import type { JoinedSocket } from './joined-socket';
import type { Outbox } from './outbox';
import type { PresenceBatcher } from './presence-batcher';

export interface KeysAheadRoom {
  readonly presence: Pick<PresenceBatcher, 'keysAhead'>;
  readonly outbox: Pick<Outbox, 'send'>;
}

/** Call just before relaying something sealed by `sender` to `recipient`. */
export function sendKeysAhead(room: KeysAheadRoom, recipient: JoinedSocket, sender: string): void {
  const keys = room.presence.keysAhead(sender, recipient.att.name);
  if (keys) room.outbox.send(recipient, { type: 'keys', name: sender, keys });
}
