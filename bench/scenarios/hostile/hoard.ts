// Attack 3: a socket hoard. 400 sockets open at 40 a second and never send the key frame; they read
// what the room sends and send the heartbeat, as a script holding sockets open would.

import type { Attack } from './attack';
import { settledWithin } from './attack';
import { Attacker, paced } from './attacker';

const SOCKETS = 400;
const PER_SEC = 40;

export function socketHoard(): Attack {
  const attackers: Attacker[] = [];
  let refused = 0;
  return {
    id: 'hoard',
    title: `socket hoard: ${SOCKETS} sockets that never send the key frame`,
    attackers,
    prepare: async () => undefined,
    async run(ctx, until, stop) {
      const opening: Promise<unknown>[] = [];
      await paced(PER_SEC, until, stop, async () => {
        if (opening.length >= SOCKETS) return false;
        opening.push(
          Attacker.silent(ctx.url, `hoard${opening.length}`, ctx.timeoutMs).then(
            (attacker) => {
              attackers.push(attacker);
            },
            () => {
              refused++;
            },
          ),
        );
        return true;
      });
      await settledWithin(opening, 5_000);
    },
    detail: () =>
      `${attackers.length} sockets held open${refused > 0 ? `, ${refused} refused or failed` : ''}`,
    cleanup: () => undefined,
  };
}
