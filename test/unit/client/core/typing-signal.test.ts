// Unit tests for client/core/typing-signal.ts: while someone types, the room hears about it at most
// once per TYPING_SIGNAL_MS per conversation, and again at once after a message goes.

import { describe, expect, it } from 'vitest';
import { TYPING_SIGNAL_MS } from '#protocol/limits';
import { TypingSignal } from '../../../../client/core/typing-signal';

/** A TypingSignal on a clock the test moves, recording every signal it sends. */
function setup(online = () => true) {
  let time = 50_000;
  const sent: (string | null)[] = [];
  const signal = new TypingSignal(
    (to) => {
      if (!online()) return false;
      sent.push(to);
      return true;
    },
    () => time,
  );
  return {
    signal,
    sent,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('TypingSignal', () => {
  it('signals on the first keystroke', () => {
    const { signal, sent } = setup();
    signal.typed(null);
    expect(sent).toEqual([null]);
  });

  it('sends one signal per TYPING_SIGNAL_MS however fast someone types', () => {
    const { signal, sent, advance } = setup();
    signal.typed(null);
    for (let i = 0; i < 29; i++) {
      advance(100);
      signal.typed(null);
    }
    expect(sent).toEqual([null]);
    advance(TYPING_SIGNAL_MS - 2_900 - 1);
    signal.typed(null);
    expect(sent).toHaveLength(1);
    advance(1);
    signal.typed(null);
    expect(sent).toEqual([null, null]);
  });

  it('keeps signalling every TYPING_SIGNAL_MS for as long as the typing goes on', () => {
    const { signal, sent, advance } = setup();
    for (let i = 0; i < 100; i++) {
      signal.typed('bob');
      advance(TYPING_SIGNAL_MS / 10);
    }
    expect(sent).toHaveLength(10);
  });

  it('treats each conversation on its own', () => {
    const { signal, sent, advance } = setup();
    signal.typed(null);
    signal.typed('bob');
    advance(100);
    signal.typed('carol');
    signal.typed(null);
    signal.typed('bob');
    expect(sent).toEqual([null, 'bob', 'carol']);
  });

  it('signals at once for the next message after one was sent', () => {
    const { signal, sent, advance } = setup();
    signal.typed('bob');
    advance(500);
    signal.sent('bob');
    signal.typed('bob');
    expect(sent).toEqual(['bob', 'bob']);
  });

  it('leaves other conversations alone when a message is sent', () => {
    const { signal, sent } = setup();
    signal.typed(null);
    signal.typed('bob');
    signal.sent('bob');
    signal.typed(null);
    expect(sent).toEqual([null, 'bob']);
  });

  it('tries again on the next keystroke when a signal could not go', () => {
    let online = false;
    const { signal, sent, advance } = setup(() => online);
    signal.typed(null);
    expect(sent).toEqual([]);
    online = true;
    advance(10);
    signal.typed(null);
    expect(sent).toEqual([null]);
  });
});
