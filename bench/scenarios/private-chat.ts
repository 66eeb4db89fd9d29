// Scenario (issue 12): private messages sealed end to end, next to Lobby messages in the same run.
// Clients of the real client core with end-to-end keys (FilePeer with e2e) join a room where a group
// is already connected. First conversations: each fresh pair's first private message, from the
// sender's join (its own keys made, the peer's keys from `joined` checked) to the peer having it
// opened (the peer may first ask the room for the sender's keys: their presence change can come
// after the message). An undecryptable first message fails the phase with its reason. Then one pair alternates Lobby and private messages at a steady rate; each sample is send
// call → the peer has it (a private one decrypted and verified).

import type { ChatEntry } from '../../client/core/chat-client';
import { FilePeer } from '../file-peer';
import { type Summary, summarise } from '../stats';
import { now, sleep, waitUntil, withTimeout } from '../time';

export interface PrivateChatResult {
  /** Clients in the room while it ran: the group and the pairs. */
  clients: number;
  ratePerSec: number;
  seconds: number;
  /** Messages of each kind sent, and received by the peer. */
  sent: number;
  received: { lobby: number; sealed: number };
  lobby: Summary;
  sealed: Summary;
  /** Per fresh pair: the sender's join resolved → its first private message opened by the peer. */
  firstConversation: Summary;
}

export interface PrivateChatOptions {
  url: string;
  deflate: boolean;
  /** Clients already connected (the group the pairs join). */
  groupSize: number;
  pairs: number;
  /** Messages per second of each kind. */
  ratePerSec: number;
  durationMs: number;
  joinTimeoutMs: number;
  drainTimeoutMs: number;
}

/** Resolves with the first private message `peer` gets from `from`, and when it got it. */
function arrival(peer: FilePeer, from: string): Promise<{ message: ChatEntry; at: number }> {
  return new Promise((resolve) => {
    const off = peer.onChat((message, at) => {
      if (message.type !== 'pm' || message.from !== from) return;
      off();
      resolve({ message, at });
    });
  });
}

const isSealed = (m: ChatEntry) => m.type === 'pm' && m.e2e?.ok === true;

/**
 * Why a pair's first private message does not count, or null when it arrived sealed with `text`:
 * one that arrived undecryptable fails the phase with its reason, instead of a timeout.
 */
export function firstMessageProblem(message: ChatEntry, text: string): string | null {
  if (message.type !== 'pm') return 'a first private message arrived as a Lobby message';
  if (message.e2e === undefined) return 'a first private message went unsealed';
  if (!message.e2e.ok)
    return `a first private message arrived but could not be opened (${message.e2e.reason})`;
  return message.text === text ? null : 'a first private message opened to another text';
}
/** Time for a fresh client's key publication to reach the room before its peer joins. */
const PUBLISH_MS = 300;

export async function runPrivateChat(options: PrivateChatOptions): Promise<PrivateChatResult> {
  const peers: FilePeer[] = [];
  const join = async (name: string) => {
    const peer = await FilePeer.join(options.url, name, options.deflate, options.joinTimeoutMs, true);
    peers.push(peer);
    return peer;
  };
  try {
    const firsts: number[] = [];
    let pair: { a: FilePeer; b: FilePeer } | null = null;
    const stamp = Date.now().toString(36);
    for (let i = 0; i < options.pairs; i++) {
      const b = await join(`pb${stamp}${i}`);
      // b publishes its keys just after its join; a then gets them in its own `joined`.
      await sleep(PUBLISH_MS);
      const a = await join(`pa${stamp}${i}`);
      const start = now();
      const text = `first ${i}`;
      const got = arrival(b, a.name);
      a.client.sendPrivate(b.name, text);
      const { message, at } = await withTimeout(got, options.drainTimeoutMs, 'a first private message');
      const problem = firstMessageProblem(message, text);
      if (problem) throw new Error(problem);
      firsts.push(at - start);
      pair = { a, b };
    }
    if (!pair) throw new Error('no pair joined');
    const { a, b } = pair;
    if (!a.client.e2e.sealsTo(b.name)) throw new Error('the pair does not seal end to end');

    const total = Math.max(1, Math.round((options.ratePerSec * options.durationMs) / 1000));
    const sentAt = {
      lobby: new Float64Array(total).fill(Number.NaN),
      sealed: new Float64Array(total).fill(Number.NaN),
    };
    const samples = { lobby: [] as number[], sealed: [] as number[] };
    const off = b.onChat((message, at) => {
      const match = /^(lobby|sealed) (\d+)$/.exec(message.text);
      if (!match) return;
      const kind = match[1] as 'lobby' | 'sealed';
      if ((kind === 'sealed') !== isSealed(message)) return;
      const sent = sentAt[kind][Number(match[2])];
      if (sent !== undefined && !Number.isNaN(sent)) samples[kind].push(at - sent);
    });
    try {
      const interval = 1000 / options.ratePerSec;
      const begin = now();
      for (let seq = 0; seq < total; seq++) {
        const due = begin + seq * interval;
        if (due > now()) await sleep(due - now());
        // Alternate which kind goes first, so neither always waits behind the other.
        const kinds = seq % 2 === 0 ? (['lobby', 'sealed'] as const) : (['sealed', 'lobby'] as const);
        for (const kind of kinds) {
          sentAt[kind][seq] = now();
          if (kind === 'lobby') a.client.sendPublic(`lobby ${seq}`);
          else a.client.sendPrivate(b.name, `sealed ${seq}`);
        }
      }
      await waitUntil(
        () => samples.lobby.length >= total && samples.sealed.length >= total,
        options.drainTimeoutMs,
      );
    } finally {
      off();
    }
    return {
      clients: options.groupSize + peers.length,
      ratePerSec: options.ratePerSec,
      seconds: options.durationMs / 1000,
      sent: total,
      received: { lobby: samples.lobby.length, sealed: samples.sealed.length },
      lobby: summarise(samples.lobby),
      sealed: summarise(samples.sealed),
      firstConversation: summarise(firsts),
    };
  } finally {
    for (const peer of peers) peer.close();
  }
}
