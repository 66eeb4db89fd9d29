// Sends room messages: JSON-encodes once, seals once per recipient with that recipient's key and
// next sequence number, then sends. Sockets whose send throws are reported, not retried.
//
// Order matters: callers run inside the room's serial queue, so sequence numbers are assigned and
// frames sent in the same order for every socket.

import type { Bytes } from '../crypto/base64';
import { Direction, sealFrame } from '../crypto/frame-codec';
import type { ControlErrorFrame } from '../protocol/control-frames';
import type { ErrorCode } from '../protocol/errors';
import { ERROR_MESSAGES } from '../protocol/errors';
import type { ServerMessage } from '../protocol/server-messages';
import { type LiveSocket, sessionKeyOf } from './live-socket';

const encoder = new TextEncoder();

export class Outbox {
  constructor(
    private readonly epoch: () => number,
    private readonly onDeadSocket: (ws: WebSocket) => void,
  ) {}

  async send(to: LiveSocket, message: ServerMessage): Promise<void> {
    await this.sendBytes([to], encoder.encode(JSON.stringify(message)) as Bytes);
  }

  async broadcast(to: readonly LiveSocket[], message: ServerMessage): Promise<void> {
    await this.sendBytes(to, encoder.encode(JSON.stringify(message)) as Bytes);
  }

  async error(to: LiveSocket, code: ErrorCode, extra: { cid?: number; detail?: string } = {}): Promise<void> {
    const message = extra.detail ? `${ERROR_MESSAGES[code]} (${extra.detail})` : ERROR_MESSAGES[code];
    await this.send(to, {
      type: 'error',
      code,
      message,
      ...(extra.cid === undefined ? {} : { cid: extra.cid }),
    });
  }

  /** Before the key exchange there is no session key: errors go as plaintext control frames. */
  controlError(ws: WebSocket, code: ErrorCode): void {
    this.trySend(
      ws,
      JSON.stringify({ t: 'error', code, message: ERROR_MESSAGES[code] } satisfies ControlErrorFrame),
    );
  }

  private async sendBytes(recipients: readonly LiveSocket[], plaintext: Bytes): Promise<void> {
    const hi = this.epoch();
    const sealed = await Promise.all(
      recipients.map((live) => {
        const key = sessionKeyOf(live);
        if (!key) return null;
        const seq = { hi, lo: live.sendLo++ };
        return key.then((k) => sealFrame(k, Direction.ServerToClient, seq, plaintext));
      }),
    );
    for (let i = 0; i < recipients.length; i++) {
      const frame = sealed[i];
      if (frame) this.trySend(recipients[i]!.ws, frame);
    }
  }

  private trySend(ws: WebSocket, data: string | Uint8Array): void {
    try {
      ws.send(data);
    } catch {
      this.onDeadSocket(ws);
    }
  }
}
