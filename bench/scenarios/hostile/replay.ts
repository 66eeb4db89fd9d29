// Attack 2: replay amplification. A session owns a second name, "rb00", whose token it keeps; five
// helper members park 600 private messages of 4,000 emoji for it. The attack then resumes rb00 with
// `since: 0` (everything again) from 5 new sockets every 4 s, each paused right after its join.

import { MAX_MESSAGE_CHARS } from '#protocol/limits';
import { now, sleep } from '../../time';
import type { Attack } from './attack';
import { settledWithin } from './attack';
import { Attacker, emojiText } from './attacker';
import { sendFromHelpers } from './fill';

const PARKED = 600;
const PER_WAVE = 5;
const WAVE_MS = 4_000;
const OWNED = 'rb00';

export function replayAmplification(): Attack {
  const attackers: Attacker[] = [];
  let owner: Attacker | null = null;
  let token: string | null = null;
  let failed = 0;
  return {
    id: 'replay',
    title: `replay amplification: resume with since 0, ${PER_WAVE} sockets every ${WAVE_MS / 1000} s`,
    attackers,
    async prepare(ctx) {
      owner = await Attacker.join(
        ctx.url,
        { type: 'join', name: OWNED },
        {
          timeoutMs: ctx.timeoutMs,
          waitFor: (m) => m.type === 'joined',
          onMessage: (m) => {
            if (m.type === 'joined') token = m.token;
          },
        },
      );
      await sendFromHelpers(ctx, 'park', PARKED, (i, cid) => ({
        type: 'pm',
        cid,
        to: OWNED,
        text: emojiText(MAX_MESSAGE_CHARS, i),
        ts: Date.now(),
      }));
    },
    async run(ctx, until, stop) {
      const resume = token;
      if (resume === null) throw new Error('no resume token for rb00');
      const opening: Promise<unknown>[] = [];
      while (now() < until && !stop.aborted) {
        for (let i = 0; i < PER_WAVE; i++) {
          opening.push(
            Attacker.join(
              ctx.url,
              { type: 'join', name: OWNED, resume, since: 0 },
              { timeoutMs: ctx.timeoutMs },
            )
              .then((attacker) => {
                attacker.pause();
                attackers.push(attacker);
              })
              .catch(() => {
                failed++;
              }),
          );
        }
        const next = Math.min(until, now() + WAVE_MS);
        while (now() < next && !stop.aborted) await sleep(Math.min(100, next - now()));
      }
      await settledWithin(opening, 5_000);
    },
    detail: () =>
      `${attackers.length} resumes of ${OWNED} with since 0 over ${PARKED} parked messages` +
      (failed > 0 ? ` (${failed} sockets failed to open)` : ''),
    cleanup: () => owner?.kill(),
  };
}
