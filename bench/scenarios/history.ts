// History for a newcomer: a fresh client connects, joins (which brings the first page) and asks
// for older pages until it holds `messages` history messages. Repeated `runs` times; the room must
// already hold that much history (the fan-out phases fill it).

import { MAX_HISTORY_PAGE } from '#protocol/limits';
import type { ServerMessageOf } from '#protocol/server-messages';
import { benchNames, type ClientGroup } from '../clients';
import { type Summary, summarise } from '../stats';
import { now } from '../time';

export interface HistoryResult {
  messages: number;
  runs: number;
  /** From opening the socket to holding `messages` earlier messages, in ms. */
  ms: Summary;
  /** Pages it took (the join's own page included). */
  pages: number;
}

export async function runHistory(
  group: ClientGroup,
  options: { messages: number; runs: number; timeoutMs: number },
): Promise<HistoryResult> {
  const samples: number[] = [];
  let pages = 0;
  for (const name of benchNames('h', options.runs)) {
    const started = now();
    let held = 0;
    let done!: () => void;
    let failed!: (e: Error) => void;
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      failed = reject;
    });
    pages = 0;
    group.otherSink = (client, message) => {
      if (message.type !== 'history' || client.name !== name) return;
      const page = message as ServerMessageOf<'history'>;
      pages++;
      held += page.messages.length;
      if (held >= options.messages) return done();
      const oldest = page.messages[0];
      if (!page.more || !oldest) return failed(new Error(`the room holds only ${held} history messages`));
      const limit = Math.min(MAX_HISTORY_PAGE, options.messages - held);
      void client.channel.send({ type: 'history', before: oldest.id, limit });
    };
    const timer = setTimeout(() => failed(new Error('history timed out')), options.timeoutMs);
    try {
      await group.connect(name);
      await finished;
      samples.push(now() - started);
    } finally {
      clearTimeout(timer);
      group.otherSink = null;
    }
  }
  return { messages: options.messages, runs: options.runs, ms: summarise(samples), pages };
}
