// Property: any text made of emoji pieces (ZWJ sequences, skin tones, flags, tag sequences,
// keycaps, variation selectors) survives a client message's whole trip through the codec intact:
// JSON, AES-GCM sealing and opening, and the room's parser; and the room counts it by code point.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Direction, openFrame, sealFrame } from '#crypto/frame-codec';
import { createSessionKey } from '#crypto/session-key';
import { countCodePoints, messageTextProblem } from '#protocol/message-text';
import { parseClientMessage, parseJsonBytes } from '#protocol/parse';

const ZWJ = '\u200d';
const VS16 = '\ufe0f';
const KEYCAP = '\u20e3';

const base = fc.constantFrom('👩', '👨', '🧑', '👧', '👦', '👍', '❤', '🔥', '🏳', '🏴', '🐦', '😀', 'a', 'é');
const skinTone = fc.constantFrom('', '🏻', '🏼', '🏽', '🏾', '🏿');
const regionalIndicator = fc.integer({ min: 0x1f1e6, max: 0x1f1ff }).map((p) => String.fromCodePoint(p));
/** A tag sequence like the flag of Scotland: black flag, tag letters, cancel tag. */
const tagFlag = fc
  .array(fc.integer({ min: 0xe0061, max: 0xe007a }), { minLength: 2, maxLength: 6 })
  .map((tags) => `🏴${String.fromCodePoint(...tags)}\u{e007f}`);
const keycap = fc.constantFrom('0', '1', '9', '#', '*').map((k) => `${k}${VS16}${KEYCAP}`);
const person = fc.tuple(base, skinTone, fc.boolean()).map(([b, tone, vs]) => `${b}${tone}${vs ? VS16 : ''}`);
const zwjSequence = fc.array(person, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(ZWJ));
const flag = fc.tuple(regionalIndicator, regionalIndicator).map(([a, b]) => a + b);
const piece = fc.oneof(zwjSequence, flag, tagFlag, keycap, fc.constantFrom(' ', '\n', 'hi'));
const emojiText = fc.array(piece, { minLength: 1, maxLength: 40 }).map((pieces) => `${pieces.join('')}.`); // never blank

let key: CryptoKey;

beforeAll(async () => {
  key = (await createSessionKey()).key;
});

describe('emoji in the encrypted codec', () => {
  it('come out of a sealed client message exactly as they went in', async () => {
    await fc.assert(
      fc.asyncProperty(emojiText, async (text) => {
        const message = { type: 'msg', cid: 1, text, ts: 1_700_000_000_000 };
        const plaintext = new TextEncoder().encode(JSON.stringify(message));
        const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 7 }, plaintext);
        const opened = await openFrame(key, Direction.ClientToServer, frame, () => true);
        const json = parseJsonBytes(opened.plaintext);
        expect(json.ok).toBe(true);
        const parsed = parseClientMessage(json.ok ? json.value : null);
        expect(parsed).toEqual({ ok: true, value: message });
        if (parsed.ok && parsed.value.type === 'msg') expect(parsed.value.text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('are counted by code point and never taken for a blank message', () => {
    fc.assert(
      fc.property(emojiText, (text) => {
        expect(countCodePoints(text)).toBe(Array.from(text).length);
        expect(messageTextProblem(text)).toBeNull();
      }),
    );
  });
});
