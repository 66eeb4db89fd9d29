// Limits shared by the room and its clients. The server enforces every one of them;
// clients check them too, but only to give faster feedback.

/** Largest WebSocket frame the room reads, far below the platform's 32 MiB. */
export const MAX_FRAME_BYTES = 512 * 1024;
/** Longest chat message, in characters (Unicode code points). */
export const MAX_MESSAGE_CHARS = 4000;
/**
 * Largest end-to-end envelope (a sealed private message, worker/protocol/e2e-messages.ts), as JSON:
 * about 33 kB. Its sealed body holds up to MAX_MESSAGE_CHARS code points at 6 bytes each (a
 * control character or lone surrogate is a 6-byte JSON escape) plus 512 bytes for ts, cid or a
 * file offer and a 16-byte GCM tag, in base64url; 1,024 bytes cover every other field.
 */
export const MAX_ENVELOPE_BYTES = Math.ceil(((MAX_MESSAGE_CHARS * 6 + 512 + 16) * 4) / 3) + 1024;
export const USERNAME_MIN = 2;
export const USERNAME_MAX = 15;
/** How far a client's clock may be from the room's before its messages are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How long a name stays reserved for its resume token after its socket goes. */
export const RESERVATION_MS = 2 * 60 * 1000;
/**
 * After the room issues a new resume token, the one before it stays good for this long (or until
 * the new one is used), for a client whose connection dropped before the new one reached it.
 */
export const PREVIOUS_TOKEN_GRACE_MS = 2 * 60 * 1000;
/** A socket must finish the key exchange this soon after it connects, or it is closed (4010). */
export const HANDSHAKE_DEADLINE_MS = 10_000;
/** A socket must join this soon after it connects, or it is closed (4010); the client reconnects. */
export const JOIN_DEADLINE_MS = 60_000;
/** Clients send a heartbeat this often; the runtime answers it without waking the room. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A socket with no heartbeat or frame for this long (about three missed beats) is considered gone. */
export const STALE_AFTER_MS = 14_000;
/**
 * While anyone is connected, the room wakes this often to sweep stale sockets: a gone tab leaves
 * within STALE_AFTER_MS + SWEEP_INTERVAL_MS (under 30 s). Longer than the platform's ~10 s idle
 * window, so the room still hibernates between sweeps; an empty room schedules nothing.
 */
export const SWEEP_INTERVAL_MS = 15_000;
/** Presence changes are gathered for this long and sent as one frame per member. */
export const PRESENCE_COALESCE_MS = 50;
/** Lobby typing signals are gathered for this long (longer in big rooms) and sent as one frame. */
export const TYPING_COALESCE_MS = 250;
/** A typing client signals at most this often… */
export const TYPING_SIGNAL_MS = 3_000;
/** …and a typing indicator goes this long after the last signal. */
export const TYPING_EXPIRY_MS = 5_000;
/** Public messages a join sends by itself; "Load older" pages further back. */
export const HISTORY_FIRST_PAGE = 50;
/** Most messages in one history page. */
export const MAX_HISTORY_PAGE = 100;
/** Default public history kept: this many messages… (HISTORY_MAX_MESSAGES var) */
export const DEFAULT_HISTORY_MESSAGES = 500;
/** …or this many days, whichever is less (HISTORY_MAX_DAYS var). */
export const DEFAULT_HISTORY_DAYS = 7;
/** Private messages a reloaded page gets back for its session. */
export const PRIVATE_HISTORY_PAGE = 200;
/** Longest search query, in UTF-16 units, and most results. */
export const MAX_SEARCH_CHARS = 200;
export const MAX_SEARCH_RESULTS = 50;
/** The heartbeat's request and response: plain text, answered by the runtime's auto-response. */
export const HEARTBEAT_PING = 'ping';
export const HEARTBEAT_PONG = 'pong';

// ---- File sharing (see worker/protocol/file-messages.ts) ----------------------------------
/** Default largest file; the MAX_FILE_BYTES var overrides it. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Default allowed content types (decided by magic bytes); the ALLOWED_FILE_TYPES var overrides it. */
export const DEFAULT_ALLOWED_FILE_TYPES = [
  'video/mp4',
  'audio/mpeg',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;
/** Bytes of file data per chunk frame (see the README for the measurement behind it). */
export const FILE_CHUNK_BYTES = 256 * 1024;
/**
 * What end-to-end encryption adds to each chunk of a sealed private file: a 12-byte IV and a 16-byte
 * AES-GCM tag (client/core/e2e/file-envelope.ts). The sender encrypts FILE_CHUNK_BYTES minus this
 * per chunk, so each sealed chunk but the last is exactly FILE_CHUNK_BYTES.
 */
export const SEALED_CHUNK_OVERHEAD_BYTES = 28;
/**
 * Chunks the room sends a downloader before it waits for acknowledgements. Uploads use the window
 * the room names in file_ready (worker/room/files/file-limits.ts); this is only a client's default.
 */
export const FILE_WINDOW_CHUNKS = 8;
/** Uploads one user may run at once. */
export const MAX_PARALLEL_UPLOADS = 3;
/**
 * Default bytes one user may have staged at once (uploading or waiting for recipients); the
 * MAX_STAGED_BYTES_PER_USER var overrides it. Four files of the largest size.
 */
export const DEFAULT_MAX_STAGED_BYTES_PER_USER = 4 * DEFAULT_MAX_FILE_BYTES;
/** Default bytes the whole room may have staged at once; the MAX_STAGED_BYTES var overrides it. */
export const DEFAULT_MAX_STAGED_BYTES = 2 * 1024 * 1024 * 1024;
/** Staged files expire after this long; the FILE_TTL_HOURS var overrides it. */
export const DEFAULT_FILE_TTL_MS = 24 * 60 * 60 * 1000;
/** An upload with no new chunk for this long is abandoned and cleaned up. */
export const UPLOAD_IDLE_MS = 2 * 60 * 1000;
/** Longest file name shown or used for downloads, in code points. */
export const MAX_FILE_NAME_CHARS = 120;
