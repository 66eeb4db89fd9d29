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
  name_taken:
    'That username, or one that looks like it, is taken: someone is using it, or its owner left less than 2 minutes ago and may come back. Try another.',
  name_reserved: 'That username is reserved. Try another.',
  message_empty: 'The message is empty.',
  message_too_long: 'Messages have at most 4,000 characters.',
  clock_skew: "Your device's clock is too far from the room's. Check its time settings.",
  unknown_user: 'That user is not online.',
  self_message: 'You cannot send a private message to yourself.',
  rate_limited: 'You are sending too fast. Slow down.',
  too_expensive:
    'Too many history pages, searches or download starts in a short time. Wait a few seconds and try again.',
  file_empty: 'The file is empty.',
  file_too_large: 'The file is too large.',
  file_type_refused: 'That kind of file is not allowed here.',
  file_type_mismatch: 'The file is not what it claims to be.',
  file_size_mismatch: 'The file is not the size that was declared.',
  file_hash_mismatch: 'The file does not match its declared SHA-256.',
  file_sealed_chunks: "The sealed file's chunk count does not match its size.",
  file_unknown: 'There is no such file transfer.',
  file_finished: 'That file transfer is already finished.',
  file_forbidden: 'That file is not for you.',
  file_not_uploader: 'Only the sender may upload chunks of that file.',
  file_chunk_order: 'A file chunk arrived out of order or twice.',
  file_chunk_too_large: 'A file chunk is larger than allowed.',
  file_too_many: 'Too many file transfers at once. Wait for one to finish.',
  file_quota:
    'You have too many files waiting for their recipients. Cancel one, or wait until they are downloaded or expire.',
  room_file_quota: 'The room is holding too many files right now. Please try again later.',
  file_no_recipients: 'Nobody else is in the room to receive the file.',
  file_expired: 'The file transfer expired.',
  file_restart_limit:
    'That download was restarted from the beginning too often. Continue it where it stopped.',
  bad_receipt: 'That receipt names a message you did not receive.',
  bad_search: 'Type at least one word to search for.',
  bad_ack: 'That flow acknowledgement counts more bytes than the room sent.',
  unknown_message: 'That message does not exist, was deleted, or is not yours to see.',
  not_author: 'Only the author of a message may edit or delete it.',
  edit_window_passed: 'Messages can be edited for 24 hours after they were sent.',
  sealed_message: 'An end-to-end encrypted message cannot be edited. Delete it and send a new one.',
  too_many_reactions:
    'That message already has as many different reactions as a message may have. Add to one of them instead.',
  everyone_not_allowed: 'Only the room admin may mention @everyone.',
  not_admin: 'That admin token is not valid.',
  not_owner: 'Only the room owner may do that.',
  owner_immune: 'Owners cannot be kicked, banned or muted.',
  always_unlisted: 'A link room stays unlisted.',
  banned: 'You are banned from this room.',
  muted: 'You are muted.',
  slow_mode: 'Slow mode is on.',
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
  /**
   * The client fell too far behind reading the room's frames (worker/room/socket-flow.ts). Not
   * fatal: the client reconnects and resumes with `since`, and the replay brings it up to date.
   */
  slow_consumer: 4009,
  /**
   * The key exchange was not finished within HANDSHAKE_DEADLINE_MS, or no join came within
   * JOIN_DEADLINE_MS (worker/room/admission/socket-deadlines.ts). A client reconnects.
   */
  deadline: 4010,
  /** A room owner removed this member (the `moderated` frame before the close says why). Do not reconnect on your own. */
  kicked: 4011,
  /** A room owner banned this member, or a banned member tried to join. Do not reconnect before the ban ends. */
  banned: 4012,
  /** A room owner closed the room: its history, files and audit log are gone. Do not reconnect. */
  room_closed: 4013,
  internal: 1011,
} as const;
