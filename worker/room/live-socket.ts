// The in-memory view of one socket: its attachment, imported AES key, outbound sequence counter
// token bucket and flow-control account. Only a cache: after an eviction it is rebuilt from the attachment.

import type { Bytes } from '../crypto/base64';
import { importSessionKey } from '../crypto/session-key';
import type { OutboundItem } from './frame-payloads';
import { readAttachment, type SocketAttachment } from './socket-attachment';
import { newFlow, type SocketFlow } from './socket-flow';
import { fullBucket, type TokenBucket } from './token-bucket';

export interface LiveSocket {
  readonly ws: WebSocket;
  readonly att: SocketAttachment;
  /** The imported session key, once there is one (imported lazily after a wake-up). */
  key: Promise<CryptoKey> | null;
  /** Low word of the next outbound sequence number; the high word is the room's wake epoch. */
  sendLo: number;
  bucket: TokenBucket;
  /** The budget of expensive requests (expensive-guard.ts), apart from `bucket`. */
  expensive: TokenBucket;
  /** Frames refused by the rate limit since the bucket was last full. */
  strikes: number;
  /** Set once the socket has left; its attachment is no longer written. */
  closed: boolean;
  /**
   * True until the first frame after this view was built from the attachment: flow acks do not
   * rewrite the attachment (encrypted-frame.ts), so after an eviction its `recv` may trail the
   * client's next sequence number by the acks sent since the last write. That first frame may then
   * skip ahead; it can never go back, so nothing can be replayed.
   */
  recvMayTrail: boolean;
  /**
   * What waits for the outbox's next flush, in order: JSON messages (sent together, one frame),
   * room broadcasts (shared frames) and binary payloads such as file chunks (one frame each).
   */
  outbound: OutboundItem[];
  /** Heavy answers (history, search, file chunks) waiting for the flow-control window, in order. */
  held: (string | Bytes)[];
  /** Bytes sent, acknowledged and queued: the outbox's flow-control account (socket-flow.ts). */
  flow: SocketFlow;
  /** Close the socket once its queued messages are sent (e.g. after a fatal error). */
  closeAfter?: { code: number; why: string } | undefined;
}

export class LiveSockets {
  private readonly cache = new WeakMap<WebSocket, LiveSocket>();

  constructor(
    private readonly burst: number,
    private readonly expensiveBurst: number,
  ) {}

  /** The cached view, rebuilt from the attachment when missing; null for a socket that is not ours. */
  get(ws: WebSocket, now: number): LiveSocket | null {
    const cached = this.cache.get(ws);
    if (cached) return cached;
    const att = readAttachment(ws);
    if (!att) return null;
    const live: LiveSocket = {
      ws,
      att,
      key: null,
      sendLo: 0,
      bucket: fullBucket(this.burst, now),
      expensive: fullBucket(this.expensiveBurst, now),
      strikes: 0,
      closed: false,
      recvMayTrail: true,
      outbound: [],
      held: [],
      flow: newFlow(),
    };
    this.cache.set(ws, live);
    return live;
  }
}

export function sessionKeyOf(live: LiveSocket): Promise<CryptoKey> | null {
  if (!live.key && live.att.key) live.key = importSessionKey(live.att.key);
  return live.key;
}
