// Unit tests for worker/protocol/message-events.ts: the react, edit and delete frames a client may
// send, the emoji check, reply_to on msg and pm, and the room's reaction/edited/deleted notices.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { isEmoji, MAX_EMOJI_UNITS } from '#protocol/message-events';
import { parseClientMessage } from '#protocol/parse';
import { ServerMessage } from '#protocol/server-messages';

describe('isEmoji', () => {
  it('accepts single emoji: plain, with variation selector, skin tone, ZWJ sequence, flag and keycap', () => {
    for (const emoji of ['🔥', '👍', '❤️', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '🇫🇷', '1️⃣', '#️⃣', '🫠']) {
      expect(isEmoji(emoji), emoji).toBe(true);
    }
  });

  it('refuses text, shortcodes, two emoji, spaces, lone modifiers and over-long sequences', () => {
    const long = Array.from({ length: 12 }, () => '👨').join('\u200D');
    expect(long.length).toBeGreaterThan(MAX_EMOJI_UNITS);
    for (const text of ['', 'a', ':fire:', '🔥🔥', '🔥 ', ' 🔥', '🏽', '\u200D', '🇫', '1', '<b>', long]) {
      expect(isEmoji(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('the message-event frames a client sends', () => {
  it('parses react, edit and delete with a message id', () => {
    expect(parseClientMessage({ type: 'react', id: 7, emoji: '🔥', on: true })).toEqual({
      ok: true,
      value: { type: 'react', id: 7, emoji: '🔥', on: true },
    });
    expect(parseClientMessage({ type: 'edit', id: 7, text: 'fixed' })).toMatchObject({ ok: true });
    expect(parseClientMessage({ type: 'delete', id: 7 })).toMatchObject({ ok: true });
  });

  it('refuses a bad id, a missing toggle or a reaction that is not one emoji, naming the field', () => {
    expect(parseClientMessage({ type: 'react', id: 0, emoji: '🔥', on: true })).toEqual({
      ok: false,
      code: 'bad_field',
      detail: 'id',
    });
    expect(parseClientMessage({ type: 'react', id: 1.5, emoji: '🔥', on: true })).toMatchObject({
      ok: false,
    });
    expect(parseClientMessage({ type: 'react', id: 1, emoji: '🔥' })).toMatchObject({ detail: 'on' });
    expect(parseClientMessage({ type: 'react', id: 1, emoji: 'fire', on: true })).toMatchObject({
      detail: 'emoji',
    });
    expect(parseClientMessage({ type: 'edit', id: 1 })).toMatchObject({ detail: 'text' });
    expect(parseClientMessage({ type: 'delete', id: '1' })).toMatchObject({ detail: 'id' });
  });

  it('lets msg and pm name the message they answer, and nothing but a message id', () => {
    const msg = { type: 'msg', cid: 1, text: 'yes', ts: 1, reply_to: 42 };
    expect(parseClientMessage(msg)).toEqual({ ok: true, value: msg });
    const pm = { type: 'pm', cid: 1, to: 'bob', text: 'yes', ts: 1, reply_to: 42 };
    expect(parseClientMessage(pm)).toEqual({ ok: true, value: pm });
    expect(parseClientMessage({ ...msg, reply_to: -1 })).toMatchObject({ ok: false, detail: 'reply_to' });
    expect(parseClientMessage({ ...msg, reply_to: 'x' })).toMatchObject({ ok: false, detail: 'reply_to' });
  });
});

describe('the notices the room sends', () => {
  it('parses reaction, edited and deleted, and messages carrying their state', () => {
    const frames = [
      { type: 'reaction', id: 3, seq: 9, reactions: [{ emoji: '🔥', count: 2, names: ['alice', 'bob'] }] },
      { type: 'edited', id: 3, seq: 10, text: 'new', editedAt: 5 },
      { type: 'deleted', id: 3, seq: 11 },
      { type: 'msg', id: 3, from: 'a', text: '', ts: 1, at: 1, deleted: true, reply_to: 2 },
      { type: 'pm', id: 4, from: 'a', to: 'b', text: 'x', ts: 1, at: 1, editedAt: 2, reactions: [] },
    ];
    for (const frame of frames) expect(v.safeParse(ServerMessage, frame).success, frame.type).toBe(true);
  });

  it('has a user-facing message for each new error code', () => {
    for (const code of [
      'not_author',
      'edit_window_passed',
      'too_many_reactions',
      'unknown_message',
    ] as const) {
      expect(ERROR_MESSAGES[code].length).toBeGreaterThan(10);
    }
  });
});
