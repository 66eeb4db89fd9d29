// Typing indicators in a big room: `typists` clients each signal every TYPING_SIGNAL_MS (as the
// client does while someone types), staggered. Counts the typing notices every member receives:
// the room coalesces them, so members get at most about one per flush interval, not one per signal.

import { TYPING_SIGNAL_MS } from '#protocol/limits';
import type { ClientGroup } from '../clients';
import { now, sleep } from '../time';

export interface TypingResult {
  clients: number;
  typists: number;
  seconds: number;
  /** Signals the typists sent. */
  signals: number;
  /** Typing notices received, summed over every member. */
  notices: number;
  /** What the room would deliver without coalescing: each signal to every other member. */
  uncoalesced: number;
  /** Notices per member per second (the cost a member pays while people type). */
  perMemberPerSec: number;
}

export async function runTyping(
  group: ClientGroup,
  options: { typists: number; durationMs: number },
): Promise<TypingResult> {
  const clients = group.clients;
  const typists = clients.slice(0, Math.min(options.typists, clients.length));
  let notices = 0;
  group.otherSink = (_client, message) => {
    if (message.type === 'typing') notices++;
  };
  let signals = 0;
  const started = now();
  const rounds = Math.max(1, Math.round(options.durationMs / TYPING_SIGNAL_MS));
  const gap = TYPING_SIGNAL_MS / Math.max(1, typists.length);
  for (let round = 0; round < rounds; round++) {
    for (const typist of typists) {
      void typist.channel.send({ type: 'typing' }).catch(() => undefined);
      signals++;
      await sleep(gap);
    }
  }
  // The last flush comes at most a second after the last signal.
  await sleep(1_500);
  group.otherSink = null;
  const seconds = (now() - started) / 1000;
  return {
    clients: clients.length,
    typists: typists.length,
    seconds,
    signals,
    notices,
    uncoalesced: signals * (clients.length - 1),
    perMemberPerSec: notices / clients.length / seconds,
  };
}
