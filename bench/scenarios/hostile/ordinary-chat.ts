// The ordinary members of a room under attack: 20 clients of the real client core chatting at a
// steady total rate. Measures send → decrypted latency at every other member, and checks that each
// member gets every message exactly once (the sender's own copy is its echo).

import { benchNames, ClientGroup, type ClientGroupOptions } from '../../clients';
import { type Summary, summarise } from '../../stats';
import { now, sleep, waitUntil } from '../../time';
import { messageText, parseSeq } from '../message-text';

export interface OrdinaryChatResult {
  clients: number;
  sent: number;
  /** (message, member) pairs that should arrive, echoes included. */
  expected: number;
  /** Pairs that never arrived (a dropped member's missing copies included). */
  lost: number;
  /** Pairs that arrived more than once. */
  duplicated: number;
  /** Members whose socket closed during the attack. */
  dropped: number;
  /** Send → decrypted at another member, over every such pair. */
  latency: Summary;
}

export class OrdinaryChat {
  readonly group: ClientGroup;
  private stopped = false;
  private sent = 0;
  private sentAt: number[] = [];
  /** copies[client][seq]: how many times that member got that message. */
  private copies: Uint8Array[] = [];
  private latencies: number[] = [];
  private sending: Promise<void> = Promise.resolve();

  constructor(
    groupOptions: ClientGroupOptions,
    private readonly options: { clients: number; ratePerSec: number; maxMessages: number; tag: string },
  ) {
    this.group = new ClientGroup(groupOptions);
  }

  /** Joins the members; throws unless every one of them joined. */
  async join(concurrency: number): Promise<void> {
    const outcome = await this.group.connectMany(benchNames('o', this.options.clients), concurrency);
    if (outcome.failed > 0)
      throw new Error(`${outcome.failed} ordinary clients failed to join: ${outcome.firstError}`);
  }

  /** Starts chatting in the background; `stop()` ends it. */
  start(): void {
    const clients = this.group.clients;
    const index = new Map(clients.map((c, i) => [c, i]));
    this.copies = clients.map(() => new Uint8Array(this.options.maxMessages));
    this.sentAt = [];
    this.group.sink = (client, message, at) => {
      const seq = parseSeq(this.options.tag, message.text);
      const i = index.get(client);
      if (seq === null || i === undefined || seq >= this.options.maxMessages) return;
      const row = this.copies[i];
      if (row) row[seq] = Math.min(255, (row[seq] ?? 0) + 1);
      if (message.cid === undefined) this.latencies.push(at - (this.sentAt[seq] ?? Number.NaN));
    };
    this.sending = this.loop();
  }

  private async loop(): Promise<void> {
    const clients = this.group.clients;
    const start = now();
    const interval = 1000 / this.options.ratePerSec;
    for (let seq = 0; !this.stopped && seq < this.options.maxMessages; seq++) {
      const due = start + seq * interval;
      if (due > now()) await sleep(due - now());
      if (this.stopped) break;
      const sender = clients[(seq * 7) % clients.length];
      if (!sender) break;
      this.sentAt[seq] = now();
      this.sent = seq + 1;
      void sender.sendPublic(messageText(this.options.tag, seq)).catch(() => undefined);
    }
  }

  /** Stops sending, waits (bounded) for the copies still on their way, and tallies. */
  async stop(drainMs: number): Promise<OrdinaryChatResult> {
    this.stopped = true;
    await this.sending;
    const clients = this.group.clients;
    const sent = this.sent;
    const complete = () =>
      this.copies.every((row, i) => !clients[i]?.channel.isOpen || row.subarray(0, sent).every((n) => n > 0));
    await waitUntil(complete, drainMs, 50);
    this.group.sink = null;
    let lost = 0;
    let duplicated = 0;
    for (const row of this.copies) {
      for (let seq = 0; seq < sent; seq++) {
        const n = row[seq] ?? 0;
        if (n === 0) lost++;
        else if (n > 1) duplicated++;
      }
    }
    return {
      clients: clients.length,
      sent,
      expected: sent * clients.length,
      lost,
      duplicated,
      dropped: clients.filter((c) => !c.channel.isOpen).length,
      latency: summarise(this.latencies.filter((ms) => Number.isFinite(ms))),
    };
  }
}
