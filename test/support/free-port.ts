// Finds free TCP ports on 127.0.0.1 for local servers started by tests and tools. Never hands out
// 8787 (`npm start`) or 8799, which people and other tools use by hand.

import { createServer } from 'node:net';

const RESERVED = new Set([8787, 8799]);

function probe(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A port that was free a moment ago. Another process could still take it before you do. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probe();
    if (port > 0 && !RESERVED.has(port)) return port;
  }
}
