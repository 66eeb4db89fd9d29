// Unit tests for client/core/receipt-sender.ts: read receipts go a moment after private messages
// arrive or are seen, cumulatively (one frame per burst), never twice, and survive being offline.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECEIPT_DELAY_MS, ReceiptSender } from '../../../../client/core/receipt-sender';

type Receipt = [from: string, delivered: number, seen: number];

/** A ReceiptSender whose sends are recorded; `online` decides whether a send goes. */
function setup() {
  const state = { online: true };
  const sent: Receipt[] = [];
  const sender = new ReceiptSender((from, delivered, seen) => {
    if (!state.online) return false;
    sent.push([from, delivered, seen]);
    return true;
  });
  return { sender, sent, state };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ReceiptSender', () => {
  it('acknowledges a burst of messages in one receipt with the highest id, after the delay', () => {
    const { sender, sent } = setup();
    sender.received('bob', 3);
    sender.received('bob', 5);
    sender.received('bob', 4);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['bob', 5, 0]]);
  });

  it('sends one receipt per peer in the same burst', () => {
    const { sender, sent } = setup();
    sender.received('bob', 7);
    sender.received('carol', 8);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toEqual([
      ['bob', 7, 0],
      ['carol', 8, 0],
    ]);
  });

  it('marks everything received from a peer as seen when their conversation is seen', () => {
    const { sender, sent } = setup();
    sender.received('bob', 2);
    sender.received('bob', 9);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toEqual([
      ['bob', 9, 0],
      ['bob', 9, 9],
    ]);
  });

  it('covers receipt and sight in one frame when both happen within the delay', () => {
    const { sender, sent } = setup();
    sender.received('bob', 4);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toEqual([['bob', 4, 4]]);
  });

  it('sends nothing twice for the same values', () => {
    const { sender, sent } = setup();
    sender.received('bob', 4);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.received('bob', 4);
    sender.received('bob', 3);
    sender.seen('bob');
    sender.flush();
    vi.advanceTimersByTime(10 * RECEIPT_DELAY_MS);
    expect(sent).toEqual([['bob', 4, 4]]);
  });

  it('keeps no timer while there is nothing new to send', () => {
    const { sender } = setup();
    sender.seen('bob');
    expect(vi.getTimerCount()).toBe(0);
    sender.received('bob', 1);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.received('bob', 1);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.seen('bob');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a receipt that could not go while offline and sends it on flush after reconnecting', () => {
    const { sender, sent, state } = setup();
    state.online = false;
    sender.received('bob', 6);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toEqual([]);
    state.online = true;
    sender.flush();
    expect(sent).toEqual([['bob', 6, 0]]);
    sender.flush();
    expect(sent).toHaveLength(1);
  });

  it('sends what piled up offline, cumulatively, once the connection is back', () => {
    const { sender, sent, state } = setup();
    state.online = false;
    sender.received('bob', 1);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.received('bob', 2);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    state.online = true;
    sender.flush();
    expect(sent).toEqual([['bob', 2, 2]]);
  });

  it('sends a pending receipt at once on flush, and not again when the delay runs out', () => {
    const { sender, sent } = setup();
    sender.received('bob', 3);
    sender.flush();
    expect(sent).toEqual([['bob', 3, 0]]);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toHaveLength(1);
  });

  it('forgets everything on reset, including a receipt about to go', () => {
    const { sender, sent } = setup();
    sender.received('bob', 3);
    sender.reset();
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.seen('bob');
    sender.flush();
    expect(sent).toEqual([]);
    sender.received('bob', 1);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent, 'a new identity starts from scratch').toEqual([['bob', 1, 0]]);
  });

  it('sends nothing when a conversation with a peer who sent nothing is seen', () => {
    const { sender, sent } = setup();
    sender.seen('dave');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    sender.flush();
    expect(sent).toEqual([]);
  });

  it('treats peer names without regard to case', () => {
    const { sender, sent } = setup();
    sender.received('Bob', 2);
    sender.received('BOB', 5);
    sender.seen('bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.[0].toLowerCase()).toBe('bob');
    expect(sent[0]?.slice(1)).toEqual([5, 5]);
  });
});
