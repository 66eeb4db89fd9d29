// A real E2eLink (client/core/e2e/e2e-link.ts) joined as a name, with in-memory key stores and no
// room: it records what it sends, and a test plays the room by handing it messages. For the
// first-contact tests of private messages and sealed file offers.

import type { ClientMessage, ClientMessageOf } from '#protocol/client-messages';
import type { PublishedKeys } from '#protocol/e2e-messages';
import { E2eLink } from '../../../../../client/core/e2e/e2e-link';
import { memoryKeyStore } from '../../../../../client/core/e2e/key-store';
import { memoryPeerStorage } from '../../../../../client/core/e2e/peer-keys';
import { T0 } from './sessions';

/** A link joined as `name` that records what it sends; `keys`: the members' keys in its `joined`. */
export async function joinedLink(name: string, keys: { name: string; keys: PublishedKeys }[] = []) {
  const sent: ClientMessage[] = [];
  let onSend: ((message: ClientMessage) => void) | null = null;
  const link = new E2eLink(
    { keyStore: memoryKeyStore(), peerStorage: () => memoryPeerStorage(), rotationCheckMs: 0 },
    {
      sendNow: (message) => {
        sent.push(message);
        onSend?.(message);
        return true;
      },
      myName: () => name,
      now: () => T0,
    },
    undefined,
  );
  const ready = new Promise((resolve) => link.on('ready', resolve));
  link.joined({ type: 'joined', name, token: 't', users: [name], resumed: false, at: T0, keys });
  await ready;
  const published = sent.find((m): m is ClientMessageOf<'publish_keys'> => m.type === 'publish_keys');
  if (!published) throw new Error(`${name} published no keys`);
  /** Resolves with the next message of `type` the link sends. */
  const nextSent = <T extends ClientMessage['type']>(type: T) =>
    new Promise<ClientMessageOf<T>>((resolve) => {
      onSend = (message) => {
        if (message.type === type) resolve(message as ClientMessageOf<T>);
      };
    });
  /** The room's presence change announcing `who`'s keys, handed to this link; resolves once learned. */
  const announce = (who: string, whoKeys: PublishedKeys) => {
    const learned = new Promise<void>((resolve) => {
      const off = link.on('peer', (peer) => {
        if (peer !== who) return;
        off();
        resolve();
      });
    });
    const change = { change: 'keys', name: who, keys: whoKeys } as const;
    link.receive({ type: 'presence', changes: [change], count: 2 }, () => undefined);
    return learned;
  };
  /** The room's answer to this link's `keys {name}` request. */
  const answerKeys = (who: string, whoKeys: PublishedKeys | null) =>
    link.receive({ type: 'keys', name: who, keys: whoKeys }, () => undefined);
  return { link, keys: published.keys, sent, nextSent, announce, answerKeys };
}

/** `sig` with its first character changed: a broken signature of the right shape. */
export function brokenSig(sig: string): string {
  return sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
}
