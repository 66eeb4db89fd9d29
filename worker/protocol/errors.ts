// Every error code a client can receive, with its default message, and the WebSocket close
// codes the room uses. Clients get `{ code, message }`, never a stack trace.

export const ERROR_MESSAGES = {
  bad_json: 'The frame is not valid JSON.',
  unknown_type: 'Unknown message type.',
  bad_field: 'A field is missing or has the wrong type.',
  too_large: 'The frame is too large.',
  bad_frame: 'The encrypted frame could not be authenticated (bad tag or IV).',
  bad_seq: 'The frame is out of sequence (replayed or reordered).',
  handshake_required: 'Finish the key exchange before sending anything else.',
  handshake_failed: 'The key exchange failed.',
  not_joined: 'Pick a username first.',
  already_joined: 'You have already joined.',
  name_too_short: 'Usernames need at least 2 characters.',
  name_too_long: 'Usernames have at most 15 characters.',
  name_bad_chars: 'Usernames may use only letters, digits and underscore.',
  name_taken: 'That username is taken. Try another.',
  name_reserved: 'That username is reserved. Try another.',
  message_empty: 'The message is empty.',
  message_too_long: 'Messages have at most 4,000 characters.',
  clock_skew: "Your device's clock is too far from the room's. Check its time settings.",
  unknown_user: 'That user is not online.',
  self_message: 'You cannot send a private message to yourself.',
  rate_limited: 'You are sending too fast. Slow down.',
  internal: 'Something went wrong in the room. Please try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const CLOSE_CODES = {
  normal: 1000,
  /** The handshake failed or a frame could not be trusted. */
  protocol: 4000,
  /** The same user resumed on a newer socket. */
  replaced: 4001,
  /** The heartbeat stopped. */
  stale: 4002,
  /** Too many frames after the rate-limit warning. */
  rate_limited: 4008,
  internal: 1011,
} as const;
