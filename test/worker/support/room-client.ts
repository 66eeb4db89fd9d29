// Helpers for worker tests: real WebSocket clients to the worker running in workerd, driven by the
// same headless core (SecureChannel, ChatClient) as the browser UI and the bench.

import { SELF } from 'cloudflare:test';
import { ChatClient } from '../../../client/core/chat-client';
import { SecureChannel } from '../../../client/core/secure-channel';
import type { SocketLike } from '../../../client/core/socket-like';
import type { ServerMessage } from '../../../worker/protocol/server-messages';

export const ORIGIN = 'http://chat.test';

/** Opens a raw WebSocket to /ws through the worker, accepted and ready to use. */
export async function openSocket(headers: Record<string, string> = {}): Promise<WebSocket> {
  const res = await SELF.fetch(`${ORIGIN}/ws`, {
    headers: { Upgrade: 'websocket', Origin: ORIGIN, ...headers },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
  ws.accept();
  return ws;
}

/** A socket that starts already open: workerd sockets from fetch() never fire 'open'. */
function asSocketLike(ws: WebSocket): SocketLike {
  return ws as unknown as SocketLike;
}

/** A channel that has finished the key exchange. */
export async function openChannel(): Promise<SecureChannel> {
  return SecureChannel.open(asSocketLike(await openSocket()));
}

/** Collects every decrypted message from a channel and lets a test await the next matching one. */
export class Inbox {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  constructor(channel: { on(event: 'message', handler: (m: ServerMessage) => void): unknown }) {
    channel.on('message', (m) => {
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  /** Resolves with the first message (already received or future) that matches. */
  next<T extends ServerMessage['type']>(
    type: T,
    match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const test = (m: ServerMessage) => m.type === type && match(m as Extract<ServerMessage, { type: T }>);
    const index = this.messages.findIndex(test);
    if (index >= 0) {
      const [found] = this.messages.splice(index, 1);
      return Promise.resolve(found as Extract<ServerMessage, { type: T }>);
    }
    return new Promise((resolve) => {
      this.waiters.push({
        match: test,
        resolve: (m) => {
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m as Extract<ServerMessage, { type: T }>);
        },
      });
    });
  }
}

/** A channel that has joined as `name`, with an inbox. */
export async function joinAs(name: string): Promise<{ channel: SecureChannel; inbox: Inbox }> {
  const channel = await openChannel();
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name });
  await inbox.next('joined');
  return { channel, inbox };
}

/** A full ChatClient over workerd sockets, reconnecting through the worker. */
export function chatClient(): ChatClient {
  return new ChatClient({
    heartbeatMs: 0,
    backoff: { baseMs: 10, maxMs: 50 },
    connect: () => {
      // ChatClient wants a socket synchronously; hand it a proxy that fills in once fetch resolves.
      return lazySocket(openSocket());
    },
  });
}

function lazySocket(pending: Promise<WebSocket>): SocketLike {
  const listeners: [string, (event: never) => void][] = [];
  let real: WebSocket | null = null;
  let failed = false;
  pending.then(
    (ws) => {
      real = ws;
      for (const [type, fn] of listeners) ws.addEventListener(type as 'message', fn as never);
    },
    () => {
      failed = true;
      for (const [type, fn] of listeners)
        if (type === 'close')
          (fn as (e: { code: number; reason: string }) => void)({ code: 1006, reason: 'connect failed' });
    },
  );
  return {
    get readyState() {
      return real ? real.readyState : failed ? 3 : 0;
    },
    binaryType: 'arraybuffer',
    send(data) {
      if (!real) throw new Error('not open yet');
      real.send(data as ArrayBuffer);
    },
    close(code, reason) {
      if (real) real.close(code, reason);
      else void pending.then((ws) => ws.close(code, reason));
    },
    addEventListener(type: string, fn: (event: never) => void) {
      if (real) real.addEventListener(type as 'message', fn as never);
      else listeners.push([type, fn]);
    },
  } as SocketLike;
}
