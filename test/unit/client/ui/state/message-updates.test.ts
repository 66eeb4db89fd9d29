// Unit tests for client/ui/state/message-updates.ts: reactions, edits and deletions from the room
// change the row of the message they name (and nothing else), a tombstone drops text and reactions,
// and the rules for what we may still edit or delete.

import { describe, expect, it } from 'vitest';
import { messageLine } from '../../../../../client/ui/state/history-lines';
import type { LogLine } from '../../../../../client/ui/state/log-lines';
import {
  applyMessageEvent,
  canDelete,
  canEdit,
  lastOwn,
} from '../../../../../client/ui/state/message-updates';

const DAY = 24 * 60 * 60 * 1000;
const line = (id: number, from = 'alice', extra: Partial<LogLine> = {}): LogLine => ({
  key: `m:${id}`,
  id,
  kind: 'public',
  at: id * 1_000,
  from,
  text: `message ${id}`,
  ...extra,
});
const isAlice = (name: string) => name.toLowerCase() === 'alice';
const fire = { emoji: '🔥', count: 2, names: ['alice', 'bob'] };

describe('applying message events to rows', () => {
  it('gives the named row its reactions and leaves the others alone', () => {
    const lines = [line(1), line(2)];
    const next = applyMessageEvent(lines, { type: 'reaction', id: 2, seq: 3, reactions: [fire] });
    expect(next[1]?.reactions).toEqual([fire]);
    expect(next[0]).toBe(lines[0]);
  });

  it('removes the reactions when the last one is taken back', () => {
    const lines = [line(1, 'bob', { reactions: [fire] })];
    const next = applyMessageEvent(lines, { type: 'reaction', id: 1, seq: 2, reactions: [] });
    expect(next[0]?.reactions).toBeUndefined();
  });

  it('replaces the text with the latest one and marks it edited', () => {
    const next = applyMessageEvent([line(1)], { type: 'edited', id: 1, seq: 2, text: 'fixed', editedAt: 5 });
    expect(next[0]).toMatchObject({ text: 'fixed', editedAt: 5 });
  });

  it('turns a deleted message into a tombstone without text, edit mark or reactions', () => {
    const lines = [line(1, 'alice', { reactions: [fire], editedAt: 4, replyTo: 0 })];
    const next = applyMessageEvent(lines, { type: 'deleted', id: 1, seq: 2 });
    expect(next[0]).toMatchObject({ text: '', deleted: true, replyTo: 0 });
    expect(next[0]?.reactions).toBeUndefined();
    expect(next[0]?.editedAt).toBeUndefined();
  });

  it('ignores a reaction or an edit that arrives for a tombstone', () => {
    const lines = [line(1, 'alice', { deleted: true, text: '' })];
    expect(applyMessageEvent(lines, { type: 'reaction', id: 1, seq: 3, reactions: [fire] })[0]).toBe(
      lines[0],
    );
    expect(applyMessageEvent(lines, { type: 'edited', id: 1, seq: 3, text: 'x', editedAt: 1 })[0]).toBe(
      lines[0],
    );
  });

  it('returns the same rows when the message is not loaded here', () => {
    const lines = [line(1)];
    expect(applyMessageEvent(lines, { type: 'deleted', id: 9, seq: 10 })).toBe(lines);
  });
});

describe('what we may edit or delete', () => {
  it('lets the author delete a confirmed message, not someone else nor a pending or deleted one', () => {
    expect(canDelete(line(1), isAlice)).toBe(true);
    expect(canDelete(line(1, 'bob'), isAlice)).toBe(false);
    expect(canDelete({ ...line(1), id: undefined, cid: 3, state: 'sending' }, isAlice)).toBe(false);
    expect(canDelete(line(1, 'alice', { deleted: true }), isAlice)).toBe(false);
  });

  it('lets the author edit for 24 hours, never a message sealed end to end', () => {
    const sent = line(1);
    expect(canEdit(sent, isAlice, sent.at + DAY - 1, DAY)).toBe(true);
    expect(canEdit(sent, isAlice, sent.at + DAY, DAY)).toBe(false);
    expect(canEdit({ ...sent, kind: 'private', to: 'bob', sealed: true }, isAlice, sent.at, DAY)).toBe(false);
  });

  it('finds our newest message for Up, skipping other people and tombstones', () => {
    const lines = [line(1), line(2, 'bob'), line(3, 'alice', { deleted: true }), line(4, 'bob')];
    expect(lastOwn(lines, isAlice)?.id).toBe(1);
    expect(lastOwn([line(5, 'bob')], isAlice)).toBeNull();
  });
});

describe('rows from history and replay', () => {
  it('carry the reply target, the last edit and the reactions', () => {
    const row = messageLine({
      type: 'msg',
      id: 3,
      from: 'bob',
      text: 'latest',
      ts: 1,
      at: 2,
      reply_to: 1,
      editedAt: 9,
      reactions: [fire],
    });
    expect(row).toMatchObject({ replyTo: 1, editedAt: 9, reactions: [fire], text: 'latest' });
  });

  it('show a deleted message as a tombstone without reactions', () => {
    const row = messageLine({
      type: 'msg',
      id: 3,
      from: 'bob',
      text: '',
      ts: 1,
      at: 2,
      deleted: true,
      reactions: [fire],
    });
    expect(row).toMatchObject({ deleted: true, text: '' });
    expect(row.reactions).toBeUndefined();
  });

  it('mark a private message that came sealed end to end, so that Edit is not offered', () => {
    const row = messageLine({
      type: 'pm',
      id: 4,
      from: 'alice',
      to: 'bob',
      text: 'hi',
      ts: 1,
      at: 2,
      e2e: { ok: true },
    });
    expect(row.sealed).toBe(true);
    expect(canEdit(row, isAlice, 2, DAY)).toBe(false);
  });
});
