// The outbound flow-control limits (worker/room/socket-flow.ts), derived from the FLOW_* settings
// (worker/config.ts parses them, with their defaults).

import type { Config } from '../config';

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

export type FlowSettings = Pick<
  Config,
  | 'FLOW_WINDOW_BYTES'
  | 'FLOW_SOCKET_CAP_BYTES'
  | 'FLOW_ROOM_CAP_BYTES'
  | 'FLOW_ACK_TIMEOUT_MS'
  | 'FLOW_PAGE_BYTES'
>;

/** The limits from the settings (worker/config.ts): a cap below the window is raised to it, a page to 4 KiB. */
export function flowLimits(settings: FlowSettings): FlowLimits {
  const windowBytes = settings.FLOW_WINDOW_BYTES;
  const socketCapBytes = Math.max(windowBytes, settings.FLOW_SOCKET_CAP_BYTES);
  return {
    windowBytes,
    socketCapBytes,
    roomCapBytes: Math.max(socketCapBytes, settings.FLOW_ROOM_CAP_BYTES),
    ackTimeoutMs: settings.FLOW_ACK_TIMEOUT_MS,
    // At least 4 KiB: a page must hold one message of the longest kind.
    pageBytes: Math.max(4096, settings.FLOW_PAGE_BYTES),
  };
}
