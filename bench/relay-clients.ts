// One interface over the rooms `--versus` compares: ChatSpace's clients (a ClientGroup of lean
// receivers, bench/lab/lean-channel.ts, which open frames with Node's own AES-GCM so the bench stays
// cheap; their receive path is the group's sink) and the plain relay's JSON clients. The modes in
// bench/scenarios/versus.ts drive either through it.

import WebSocket from 'ws';
import type { BenchClient, ClientGroup } from './clients';
import { now, withTimeout } from './time';

const CLOSE_TIMEOUT_MS = 10_000;

/** Every copy of a chat message a client receives; `own` for the sender's own copy. */
export type RelaySink = (to: number, text: string, own: boolean, at: number) => void;

export interface RelayClients {
  readonly label: string;
  readonly size: number;
  sink: RelaySink | null;
  send(from: number, text: string): void;
  close(): Promise<void>;
}

/** ChatSpace's joined clients (a ClientGroup made with `lean: true`), under `label`. */
export function chatSpaceClients(group: ClientGroup, label: string): RelayClients {
  const index = new Map<BenchClient, number>(group.clients.map((c, i) => [c, i]));
  const relay: RelayClients = {
    label,
    size: group.clients.length,
    sink: null,
    send(from, text) {
      void group.clients[from]?.sendPublic(text).catch(() => undefined);
    },
    close: () => group.closeAll(10_000),
  };
  group.sink = (client, message, at) =>
    relay.sink?.(index.get(client) ?? -1, message.text, message.cid !== undefined, at);
  return relay;
}

/** The plain relay's clients: `{"name"}` to join, `{"message"}` to send, JSON copies back. */
export async function plainClients(
  label: string,
  url: string,
  names: readonly string[],
  concurrency: number,
  timeoutMs: number,
): Promise<RelayClients> {
  const sockets: WebSocket[] = new Array(names.length);
  const relay: RelayClients = {
    label,
    size: names.length,
    sink: null,
    send(from, text) {
      const ws = sockets[from];
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ message: text }));
    },
    async close() {
      const open = sockets.filter((ws) => ws && ws.readyState !== WebSocket.CLOSED);
      const closed = open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of open) ws.close(1000, 'bench done');
      await withTimeout(Promise.all(closed), CLOSE_TIMEOUT_MS, 'closing the plain clients').catch(
        () => undefined,
      );
      for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    },
  };
  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const name = names[i] ?? `p${i}`;
      const ws = new WebSocket(url, { perMessageDeflate: false });
      sockets[i] = ws;
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ name })));
      ws.on('message', (data) => {
        const at = now();
        const parsed = JSON.parse(String(data)) as { joined?: boolean; name?: string; message?: string };
        if (parsed.joined) resolve();
        else if (typeof parsed.message === 'string')
          relay.sink?.(i, parsed.message, parsed.name === name, at);
      });
    });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++)
      await withTimeout(open(i), timeoutMs, `plain join ${i}`);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return relay;
}
