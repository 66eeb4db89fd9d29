// A bench-only plain relay: the work Cloudflare's workers-chat-demo does per message (JSON in, one
// stringify, one `send` per member, no crypto), as a Durable Object with the Hibernation API.
// `--versus` runs it with bench/plain-relay/wrangler.toml in its own `wrangler dev`; never shipped.

/** The parts of DurableObjectState used here (this file is type-checked with Node's types). */
interface HibernationState {
  acceptWebSocket(ws: WebSocket): void;
  getWebSockets(): WebSocket[];
}

interface AttachedSocket extends WebSocket {
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): unknown;
}

interface PlainEnv {
  PLAIN_RELAY: {
    idFromName(name: string): unknown;
    get(id: unknown): { fetch(request: Request): Promise<Response> };
  };
}

declare const WebSocketPair: new () => { 0: WebSocket; 1: WebSocket };

const NAME_CHARS = 32;
const MESSAGE_CHARS = 256;

export class PlainRelay {
  /** Joined sockets and their names; rebuilt from the attachments after a wake-up. */
  private readonly names = new Map<WebSocket, string>();

  constructor(private readonly ctx: HibernationState) {
    for (const ws of ctx.getWebSockets()) {
      const name = (ws as AttachedSocket).deserializeAttachment();
      if (typeof name === 'string') this.names.set(ws, name);
    }
  }

  fetch(request: Request): Response {
    if (request.headers.get('Upgrade') !== 'websocket')
      return new Response('websocket only', { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
  }

  webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): void {
    if (typeof raw !== 'string') return;
    let data: { name?: unknown; message?: unknown };
    try {
      data = JSON.parse(raw) as { name?: unknown; message?: unknown };
    } catch {
      return;
    }
    const name = this.names.get(ws);
    if (name === undefined) {
      if (typeof data.name !== 'string') return;
      const joined = data.name.slice(0, NAME_CHARS);
      this.names.set(ws, joined);
      (ws as AttachedSocket).serializeAttachment(joined);
      ws.send(JSON.stringify({ joined: true }));
      return;
    }
    if (typeof data.message !== 'string') return;
    // Like the demo: one stringify, then one send per member, the sender included.
    const out = JSON.stringify({
      name,
      message: data.message.slice(0, MESSAGE_CHARS),
      timestamp: Date.now(),
    });
    for (const peer of this.names.keys()) {
      try {
        peer.send(out);
      } catch {
        this.names.delete(peer);
      }
    }
  }

  webSocketClose(ws: WebSocket): void {
    this.names.delete(ws);
  }

  webSocketError(ws: WebSocket): void {
    this.names.delete(ws);
  }
}

/** /ws goes to the one relay; /api/health answers as the room's worker does, for bench/server.ts. */
export default {
  fetch(request: Request, env: PlainEnv): Response | Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/health') return Response.json({ ok: true });
    if (pathname === '/ws') return env.PLAIN_RELAY.get(env.PLAIN_RELAY.idFromName('plain')).fetch(request);
    return new Response('not found', { status: 404 });
  },
};
