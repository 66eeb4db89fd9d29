// Setup for the attacks: messages sent by a few helper members, paced under the room's rate limit,
// waiting (bounded) for each one's echo so the room has stored them all before the attack starts.

import type { ClientMessage } from '#protocol/client-messages';
import { now, waitUntil } from '../../time';
import type { AttackContext } from './attack';
import { ATTACK_RATE } from './attack';
import { Attacker, paced } from './attacker';

const HELPERS = 5;

/**
 * `count` messages from HELPERS members named `prefix`NN; `message(i, cid)` builds message i.
 * Resolves once every echo arrived; throws if the room refused some or the wait ran out.
 */
export async function sendFromHelpers(
  ctx: AttackContext,
  prefix: string,
  count: number,
  message: (i: number, cid: number) => ClientMessage,
): Promise<void> {
  let echoes = 0;
  let refused = 0;
  const helpers = await Promise.all(
    Array.from({ length: HELPERS }, (_, h) =>
      Attacker.join(
        ctx.url,
        { type: 'join', name: `${prefix}${String(h).padStart(2, '0')}` },
        {
          timeoutMs: ctx.timeoutMs,
          waitFor: (m) => m.type === 'joined',
          onMessage: (m) => {
            if ((m.type === 'msg' || m.type === 'pm') && m.cid !== undefined) echoes++;
            else if (m.type === 'error') refused++;
          },
        },
      ),
    ),
  );
  try {
    const per = Math.ceil(count / HELPERS);
    const stop = new AbortController().signal;
    await Promise.all(
      helpers.map((helper, h) => {
        let n = 0;
        return paced(ATTACK_RATE, now() + 600_000, stop, async () => {
          const i = h * per + n;
          if (i >= count || n >= per) return false;
          n++;
          return helper.send(message(i, n));
        });
      }),
    );
    const done = await waitUntil(() => echoes + refused >= count, ctx.timeoutMs, 50);
    if (refused > 0 || !done)
      throw new Error(`setup: ${echoes} of ${count} messages stored, ${refused} refused`);
    ctx.log(`setup: ${count} messages stored`);
  } finally {
    for (const helper of helpers) helper.kill();
  }
}

/** Fills the Lobby with `count` messages. */
export function fillLobby(ctx: AttackContext, count: number, text: (i: number) => string): Promise<void> {
  return sendFromHelpers(ctx, 'fill', count, (i, cid) => ({
    type: 'msg',
    cid,
    text: text(i),
    ts: Date.now(),
  }));
}
