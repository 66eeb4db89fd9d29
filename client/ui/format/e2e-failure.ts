// The words for a private message that could not be decrypted: the fixed notice and why, by the
// reason the end-to-end layer gives (client/core/e2e/envelope-core.ts). Never the message itself.

import type { E2eFailure } from '../../core/client-events';

export const UNDECRYPTABLE = 'This message could not be decrypted';

const REASONS: Record<E2eFailure, string> = {
  signature: "its signature does not match the sender's identity key",
  recipient: 'it was not sealed for this conversation',
  prekey_unknown: 'it was sealed to a key this session never had',
  prekey_expired: 'the key it was sealed to has been deleted',
  decrypt: 'it was damaged on the way',
  malformed: 'it is not a valid sealed message',
  no_session: 'this session has no end-to-end keys',
};

/** "This message could not be decrypted: its signature does not match …" */
export function undecryptableText(reason: E2eFailure): string {
  return `${UNDECRYPTABLE}: ${REASONS[reason]}.`;
}
