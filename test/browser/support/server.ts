// Stops and starts the shared wrangler dev server from inside a test, through the global
// setup's control endpoint (test/support/control-server.ts). Same port, same persisted state.

import { controlUrl } from './provided';

async function control(operation: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${controlUrl()}/${operation}`, { method: 'POST' });
  if (!response.ok) throw new Error(`server ${operation} failed: ${await response.text()}`);
}

/** Stops wrangler and workerd: every open WebSocket drops at once. */
export const stopServer = (): Promise<void> => control('stop');

/** Starts the server again (no-op if it is running) and waits until it answers. */
export const startServer = (): Promise<void> => control('start');
