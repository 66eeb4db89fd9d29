// The outbound flow-control limits (worker/room/socket-flow.ts), read from [vars] in wrangler.toml
// with defaults. One pure parse, so that it can move into the room's config module as it is.

export interface FlowLimits {
  /** Unacknowledged plus queued bytes past which heavy answers wait for acknowledgements. */
  windowBytes: number;
  /** A socket whose unacknowledged plus queued bytes pass this is closed (4009). */
  socketCapBytes: number;
  /** Past this sum over all sockets, the biggest consumers are closed first (4009). */
  roomCapBytes: number;
  /** Outstanding data with no advancing acknowledgement for this long closes the socket (4009). */
  ackTimeoutMs: number;
  /** Largest JSON frame, history page, search answer and replay page. */
  pageBytes: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  windowBytes: 1024 * 1024,
  socketCapBytes: 4 * 1024 * 1024,
  roomCapBytes: 64 * 1024 * 1024,
  ackTimeoutMs: 20_000,
  pageBytes: 256 * 1024,
};

export interface FlowEnv {
  FLOW_WINDOW_BYTES?: string;
  FLOW_SOCKET_CAP_BYTES?: string;
  FLOW_ROOM_CAP_BYTES?: string;
  FLOW_ACK_TIMEOUT_MS?: string;
  FLOW_PAGE_BYTES?: string;
}

/** Each var must be a positive integer, else its default applies; a cap below the window is raised to it. */
export function flowLimits(env: FlowEnv): FlowLimits {
  const d = DEFAULT_FLOW_LIMITS;
  const windowBytes = positiveInt(env.FLOW_WINDOW_BYTES, d.windowBytes);
  const socketCapBytes = Math.max(windowBytes, positiveInt(env.FLOW_SOCKET_CAP_BYTES, d.socketCapBytes));
  return {
    windowBytes,
    socketCapBytes,
    roomCapBytes: Math.max(socketCapBytes, positiveInt(env.FLOW_ROOM_CAP_BYTES, d.roomCapBytes)),
    ackTimeoutMs: positiveInt(env.FLOW_ACK_TIMEOUT_MS, d.ackTimeoutMs),
    // At least 4 KiB: a page must hold one message of the longest kind.
    pageBytes: Math.max(4096, positiveInt(env.FLOW_PAGE_BYTES, d.pageBytes)),
  };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}
