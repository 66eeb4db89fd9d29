// Attack 1: slow readers. A setup fills the Lobby with 500 messages of 4,000 emoji (paced under the
// rate limit from a few sockets); then 10 members stop reading their TCP stream and ask for
// "Load older" pages of 100 of those messages as fast as the rate limit allows.

import { MAX_HISTORY_PAGE, MAX_MESSAGE_CHARS } from '#protocol/limits';
import { now } from '../../time';
import type { Attack, AttackContext } from './attack';
import { ATTACK_RATE, settledWithin } from './attack';
import { Attacker, emojiText, paced } from './attacker';
import { fillLobby } from './fill';

const READERS = 10;
const LOBBY_MESSAGES = 500;

export function slowReaders(): Attack {
  const attackers: Attacker[] = [];
  let requests = 0;
  let before = Number.MAX_SAFE_INTEGER;
  return {
    id: 'slow-readers',
    title: `slow readers: ${READERS} paused sockets paging history`,
    attackers,
    async prepare(ctx: AttackContext) {
      await fillLobby(ctx, LOBBY_MESSAGES, (i) => emojiText(MAX_MESSAGE_CHARS, i));
      // They join before the baseline (the join's page of 50 is read), then stop reading.
      const joined = await Promise.all(
        Array.from({ length: READERS }, (_, i) =>
          Attacker.join(
            ctx.url,
            { type: 'join', name: `slow${String(i).padStart(2, '0')}` },
            {
              timeoutMs: ctx.timeoutMs,
              // The join's own page names the oldest message it holds; the attack asks before it.
              waitFor: (m) => m.type === 'history',
              onMessage: (m) => {
                if (m.type === 'history' && m.messages[0]) before = Math.min(before, m.messages[0].id);
              },
            },
          ),
        ),
      );
      attackers.push(...joined);
      for (const attacker of attackers) attacker.pause();
    },
    async run(_ctx, until, stop) {
      const readers = attackers.map((attacker) =>
        paced(ATTACK_RATE, until, stop, async () => {
          const ok = await attacker.send({ type: 'history', before, limit: MAX_HISTORY_PAGE });
          if (ok) requests++;
          return ok;
        }),
      );
      await settledWithin(readers, Math.max(0, until - now()) + 5_000);
    },
    detail: () => `${attackers.length} readers sent ${requests} history requests of ${MAX_HISTORY_PAGE}`,
    cleanup: () => undefined,
  };
}
