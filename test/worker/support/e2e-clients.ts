// Headless ChatClients with end-to-end keys for the worker tests: a "device" (key store and peer
// books that survive a reload), a joined client on it, and a wait until it seals to a peer. Used by
// e2e-private.test.ts and e2e-private-files.test.ts.

import type { ChatClient } from '../../../client/core/chat-client';
import type { E2eOptions } from '../../../client/core/e2e/e2e-link';
import { memoryKeyStore } from '../../../client/core/e2e/key-store';
import { memoryPeerStorage } from '../../../client/core/e2e/peer-keys';
import { chatClient } from './room-client';

/** One person's end-to-end storage, kept across a "reload" (a new ChatClient). */
export function device(): E2eOptions {
  const peers = new Map<string, ReturnType<typeof memoryPeerStorage>>();
  return {
    keyStore: memoryKeyStore(),
    peerStorage: (session) => {
      const storage = peers.get(session) ?? memoryPeerStorage();
      peers.set(session, storage);
      return storage;
    },
  };
}

export async function joined(name: string, e2e: E2eOptions): Promise<ChatClient> {
  const client = chatClient({ e2e });
  await client.connect();
  await client.join(name);
  return client;
}

/** Waits until `client` will seal to `peer` (it has learned and checked the peer's keys). */
export function sealsTo(client: ChatClient, peer: string): Promise<void> {
  return new Promise((resolve) => {
    if (client.e2e.sealsTo(peer)) return resolve();
    const off = client.e2e.on('peer', () => {
      if (!client.e2e.sealsTo(peer)) return;
      off();
      resolve();
    });
  });
}
