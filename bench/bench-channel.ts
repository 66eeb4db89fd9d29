// What a bench client needs from its encrypted channel. The client core's SecureChannel fits it;
// so does LeanChannel, the cheaper receiver used only by the `--lean-clients` comparison.

import type { ClientMessage } from '#protocol/client-messages';
import type { ServerMessage } from '#protocol/server-messages';
import type { SocketLike } from '../client/core/socket-like';

export interface BenchChannelEvents {
  message: ServerMessage;
  corrupt: string;
  close: { code: number; reason: string };
}

export interface BenchChannel {
  readonly socket: SocketLike;
  readonly isOpen: boolean;
  send(message: ClientMessage): Promise<void>;
  sendRaw(data: string): void;
  close(code?: number, reason?: string): void;
  on<K extends keyof BenchChannelEvents>(
    event: K,
    listener: (payload: BenchChannelEvents[K]) => void,
  ): unknown;
}
