// Attack 4: a download-accept storm. 30 members are in the Lobby when a 4 MiB file is offered to
// it; then they stop reading and each re-accepts the file from chunk 0, never acknowledging a
// chunk, 10 times a second.

import { benchPng } from '../../bench-file';
import { FilePeer } from '../../file-peer';
import { now, waitUntil, withTimeout } from '../../time';
import type { Attack } from './attack';
import { settledWithin } from './attack';
import { Attacker, paced } from './attacker';

const RECIPIENTS = 30;
const FILE_BYTES = 4 * 2 ** 20;
const ACCEPTS_PER_SEC = 10;

export function acceptStorm(): Attack {
  const attackers: Attacker[] = [];
  let sender: FilePeer | null = null;
  let fileId: string | null = null;
  let accepts = 0;
  return {
    id: 'accept-storm',
    title: `download-accept storm: ${RECIPIENTS} paused recipients restart a 4 MiB file`,
    attackers,
    async prepare(ctx) {
      const offered = new Set<string>();
      const joined = await Promise.all(
        Array.from({ length: RECIPIENTS }, (_, i) => {
          const name = `dl${String(i).padStart(2, '0')}`;
          return Attacker.join(
            ctx.url,
            { type: 'join', name },
            {
              timeoutMs: ctx.timeoutMs,
              waitFor: (m) => m.type === 'joined',
              onMessage: (m) => {
                if (m.type === 'file_offered') {
                  fileId = m.fileId;
                  offered.add(name);
                }
              },
            },
          );
        }),
      );
      attackers.push(...joined);
      sender = await FilePeer.join(ctx.url, 'fsend', false, ctx.timeoutMs);
      const file = benchPng(FILE_BYTES);
      const upload = sender.transfers.send(file.bytes, { name: file.name, mime: file.mime });
      await withTimeout(upload.finished, 60_000, 'the upload of the storm file');
      if (!(await waitUntil(() => offered.size >= RECIPIENTS, ctx.timeoutMs, 50)))
        throw new Error(`only ${offered.size} of ${RECIPIENTS} recipients got the offer`);
      for (const attacker of attackers) attacker.pause();
      ctx.log(`setup: ${RECIPIENTS} recipients hold the offer of a ${FILE_BYTES / 2 ** 20} MiB file`);
    },
    async run(_ctx, until, stop) {
      const id = fileId;
      if (id === null) throw new Error('no file was offered');
      const storms = attackers.map((attacker) =>
        paced(ACCEPTS_PER_SEC, until, stop, async () => {
          const ok = await attacker.send({ type: 'file_accept', fileId: id, from: 0 });
          if (ok) accepts++;
          return ok;
        }),
      );
      await settledWithin(storms, Math.max(0, until - now()) + 5_000);
    },
    detail: () => `${attackers.length} recipients sent ${accepts} file_accept from chunk 0`,
    cleanup: () => sender?.close(),
  };
}
