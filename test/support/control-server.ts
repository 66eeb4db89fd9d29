// A tiny HTTP endpoint that lets tests in vitest's workers stop and start the wrangler dev
// server that the global setup owns, so the main process stays the only one holding processes.
// Routes: POST /stop, POST /start (idempotent). The client side is test/browser/support/server.ts.

import { createServer, type Server } from 'node:http';
import type { WranglerDev } from './wrangler-dev';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

export async function startControlServer(wrangler: WranglerDev): Promise<ControlServer> {
  // One operation at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (op: () => Promise<void>) => {
    const next = queue.then(op, op);
    queue = next.catch(() => undefined);
    return next;
  };
  const server: Server = createServer((req, res) => {
    const ops: Record<string, () => Promise<void>> = {
      '/stop': () => wrangler.stop(),
      '/start': () => (wrangler.running ? Promise.resolve() : wrangler.start()),
    };
    const op = req.method === 'POST' && req.url ? ops[req.url] : undefined;
    if (!op) {
      res.writeHead(404).end('unknown control operation');
      return;
    }
    run(op).then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(500).end(error instanceof Error ? error.message : String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('control server has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
