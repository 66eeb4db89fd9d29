// The private-chat bench scenario's check of a pair's first private message
// (bench/scenarios/private-chat.ts): an undecryptable one is reported with its reason, not timed out.

import { describe, expect, it } from 'vitest';
import { firstMessageProblem } from '../../../bench/scenarios/private-chat';
import type { ChatEntry } from '../../../client/core/chat-client';

const pm = (extra: Partial<Extract<ChatEntry, { type: 'pm' }>>): ChatEntry => ({
  type: 'pm',
  id: 1,
  from: 'pa0',
  to: 'pb0',
  text: 'first 0',
  ts: 0,
  at: 0,
  ...extra,
});

describe('the first private message of a bench pair', () => {
  it('counts when it arrived sealed and opened to the text sent', () => {
    expect(firstMessageProblem(pm({ e2e: { ok: true } }), 'first 0')).toBeNull();
  });

  it('fails with the reason when it arrived but could not be opened', () => {
    expect(firstMessageProblem(pm({ text: '', e2e: { ok: false, reason: 'signature' } }), 'first 0')).toBe(
      'a first private message arrived but could not be opened (signature)',
    );
  });

  it('fails when it went as plain text', () => {
    expect(firstMessageProblem(pm({}), 'first 0')).toBe('a first private message went unsealed');
  });
});
