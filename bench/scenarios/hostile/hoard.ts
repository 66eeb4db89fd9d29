// Attack 3: a socket hoard. 400 sockets open at 40 a second and never send the key frame; they read
// what the room sends and send the heartbeat, as a script holding sockets open would. The room admits
// MAX_PENDING_HANDSHAKES of them at a time (left at its default here) and refuses the rest with 503.

import type { Attack } from './attack';
import { settledWithin } from './attack';
import { Attacker, paced, RefusedUpgrade } from './attacker';

const SOCKETS = 400;
const PER_SEC = 40;

export function socketHoard(): Attack {
  const attackers: Attacker[] = [];
  /** Refused upgrades by HTTP status; `failed` are attempts that ended any other way. */
  const refused: Record<number, number> = {};
  let failed = 0;
  let attempts = 0;
  return {
    id: 'hoard',
    title: `socket hoard: ${SOCKETS} sockets that never send the key frame`,
    attackers,
    refused: () => refused,
    prepare: async () => undefined,
    async run(ctx, until, stop) {
      const opening: Promise<unknown>[] = [];
      await paced(PER_SEC, until, stop, async () => {
        if (attempts >= SOCKETS) return false;
        attempts++;
        opening.push(
          Attacker.silent(ctx.url, `hoard${attempts}`, ctx.timeoutMs).then(
            (attacker) => {
              attackers.push(attacker);
            },
            (error: unknown) => {
              if (error instanceof RefusedUpgrade) refused[error.status] = (refused[error.status] ?? 0) + 1;
              else failed++;
            },
          ),
        );
        return true;
      });
      await settledWithin(opening, 5_000);
    },
    detail: () => {
      const statuses = Object.entries(refused).map(([status, n]) => `${n}×${status}`);
      return (
        `${attempts} sockets tried, ${attackers.length} admitted` +
        (statuses.length > 0 ? `, refused ${statuses.join(', ')}` : '') +
        (failed > 0 ? `, ${failed} failed otherwise` : '')
      );
    },
    cleanup: () => undefined,
  };
}
