// A hostile bench socket: the real key exchange (SecureChannel over `ws`), then whatever the attack
// does. `pause()` stops reading the TCP stream (the room's frames pile up in its buffers) while it
// keeps sending; `settle()` reads again, discarding frames, only to learn whether the room closed it.

import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { ClientMessage } from '#protocol/client-messages';
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_PING } from '#protocol/limits';
import type { ServerMessage } from '#protocol/server-messages';
import { SecureChannel } from '../../../client/core/secure-channel';
import type { SocketLike } from '../../../client/core/socket-like';
import { now, sleep, waitUntil, withTimeout } from '../../time';

/** The room answered the upgrade with an HTTP status instead of a socket (429 or 503: admission). */
export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

export class Attacker {
  /** The close code the room (or the network) ended this socket with; null while open. */
  closedWith: number | null = null;
  private closedByUs = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private paused = false;

  private constructor(
    readonly name: string,
    readonly ws: WebSocket,
    readonly channel: SecureChannel | null,
  ) {
    ws.on('close', (code: number) => {
      if (!this.closedByUs) this.closedWith = code;
      clearInterval(this.heartbeat);
    });
  }

  /**
   * A socket that opens and then sends nothing at all (not even the key frame). Rejects with
   * RefusedUpgrade when the room answers the upgrade with a status instead.
   */
  static async silent(url: string, name: string, timeoutMs: number): Promise<Attacker> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('error', () => undefined);
    const attacker = new Attacker(name, ws, null);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        // With a listener here `ws` leaves the refused request to us: terminate() aborts it.
        ws.once('unexpected-response', (_request, response) => {
          reject(new RefusedUpgrade(response.statusCode ?? 0));
          ws.terminate();
        });
        ws.once('close', (code: number) => reject(new Error(`socket closed (${code}) before it opened`)));
      }),
      timeoutMs,
      `opening ${name}`,
    ).catch((error: unknown) => {
      ws.terminate();
      throw error;
    });
    return attacker;
  }

  /**
   * Key exchange, then `join`. With `waitFor`, reads until a message passes it (e.g. 'joined', or the
   * join's history page); without it, returns as soon as the join is on the socket.
   */
  static async join(
    url: string,
    join: ClientMessage & { type: 'join' },
    options: {
      timeoutMs: number;
      waitFor?: (message: ServerMessage) => boolean;
      onMessage?: (m: ServerMessage) => void;
    },
  ): Promise<Attacker> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'arraybuffer';
    ws.on('error', () => undefined);
    try {
      const channel = await SecureChannel.open(ws as unknown as SocketLike, { timeoutMs: options.timeoutMs });
      const attacker = new Attacker(join.name, ws, channel);
      const waitFor = options.waitFor;
      const seen = waitFor
        ? new Promise<void>((resolve, reject) => {
            channel.on('message', (message) => {
              options.onMessage?.(message);
              if (message.type === 'error') reject(new Error(`${join.name}: room error ${message.code}`));
              else if (waitFor(message)) resolve();
            });
            channel.on('close', ({ code }) => reject(new Error(`${join.name}: closed (${code})`)));
          })
        : null;
      seen?.catch(() => undefined);
      await channel.send(join);
      if (seen) await withTimeout(seen, options.timeoutMs, `join of ${join.name}`);
      attacker.startHeartbeat();
      return attacker;
    } catch (error) {
      ws.terminate();
      throw error;
    }
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN && this.closedWith === null;
  }

  /** Sends a message inside the session; false when the socket is gone or the send failed. */
  async send(message: ClientMessage): Promise<boolean> {
    if (!this.open || !this.channel) return false;
    try {
      await this.channel.send(message);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops reading: the TCP receive window closes and the room's frames queue up behind it. */
  pause(): void {
    this.paused = true;
    (this.ws as unknown as { _socket?: Duplex })._socket?.pause();
  }

  /**
   * Reads again, dropping every frame undecrypted, for at most `ms`, so that a close the room sent
   * (queued behind everything it buffered) is seen. True when the room closed this socket.
   */
  async settle(ms: number): Promise<boolean> {
    if (this.paused) {
      this.ws.removeAllListeners('message');
      (this.ws as unknown as { _socket?: Duplex })._socket?.resume();
    }
    await waitUntil(() => this.closedWith !== null || this.ws.readyState === WebSocket.CLOSING, ms, 50);
    if (this.closedWith === null && this.ws.readyState === WebSocket.CLOSING && !this.closedByUs) {
      // The room's close frame arrived and the TCP close has not yet: `ws` keeps its code here.
      const code = (this.ws as unknown as { _closeCode?: number })._closeCode;
      this.closedWith = typeof code === 'number' ? code : 1006;
    }
    return this.closedWith !== null;
  }

  /** Ends the socket without a close handshake. */
  kill(): void {
    this.closedByUs = this.closedWith === null;
    clearInterval(this.heartbeat);
    this.ws.terminate();
  }

  /** Like a real client: a heartbeat every HEARTBEAT_INTERVAL_MS, so the stale sweep leaves it alone. */
  private startHeartbeat(): void {
    this.heartbeat = setInterval(() => {
      if (this.open) this.ws.send(HEARTBEAT_PING);
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }
}

/** Text of `chars` code points, all four-byte emoji: the largest message the room accepts, in bytes. */
export function emojiText(chars: number, salt: number): string {
  const faces = ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😂'];
  let text = '';
  for (let i = 0; i < chars; i++) text += faces[(i + salt) % faces.length];
  return text;
}

/**
 * Runs `send` every 1000/rate ms until `until` (bench clock) or `stop`, or until it returns false;
 * returns how many it sent. A slow send delays the next one instead of causing a burst, so the
 * rate never passes `rate` (and the room's flood guard never sees a burst).
 */
export async function paced(
  rate: number,
  until: number,
  stop: AbortSignal,
  send: () => Promise<boolean>,
): Promise<number> {
  const interval = 1000 / rate;
  let sent = 0;
  let due = now();
  while (now() < until && !stop.aborted) {
    if (due > now()) await sleep(due - now());
    if (now() >= until || stop.aborted) break;
    if (!(await send())) break;
    sent++;
    due = Math.max(due + interval, now());
  }
  return sent;
}
