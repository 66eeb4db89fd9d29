// Unit tests for client/ui/state/history-lines.ts: room messages become log rows keyed by their
// id, and pages of earlier messages slot in before newer rows without repeating any.

import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../../client/core/chat-client';
import { mergeEarlier, messageLine, oldestId } from '../../../../../client/ui/state/history-lines';
import type { LogLine } from '../../../../../client/ui/state/log-lines';

const msg = (id: number, from = 'alice', text = `message ${id}`): ChatEntry => ({
  type: 'msg',
  id,
  from,
  text,
  ts: id * 1_000 - 5,
  at: id * 1_000,
});

/** A live Lobby row for message `id`, or one from history when `earlier`. */
const row = (id: number, earlier = false): LogLine => messageLine(msg(id), earlier);
const system = (n: number): LogLine => ({ key: `sys:${n}`, kind: 'system', at: 0, text: `bob joined ${n}` });
const pending = (cid: number): LogLine => ({
  key: `cid:${cid}`,
  kind: 'public',
  at: 0,
  from: 'me',
  text: 'on its way',
  cid,
  state: 'sending',
});
const keys = (lines: readonly LogLine[]) => lines.map((l) => l.key);

describe('messageLine', () => {
  it('turns a Lobby message into a public row keyed by its id, with the room’s time', () => {
    expect(messageLine(msg(42, 'bob', 'hi'))).toEqual({
      key: 'm:42',
      id: 42,
      at: 42_000,
      from: 'bob',
      text: 'hi',
      kind: 'public',
    });
  });

  it('turns a private message into a private row that names the recipient', () => {
    const pm: ChatEntry = { type: 'pm', id: 7, from: 'alice', to: 'bob', text: 'psst', ts: 1, at: 2 };
    expect(messageLine(pm)).toEqual({
      key: 'm:7',
      id: 7,
      at: 2,
      from: 'alice',
      to: 'bob',
      text: 'psst',
      kind: 'private',
    });
  });

  it('shows a sealed message that did not open as the notice with its reason, never its text', () => {
    const pm: ChatEntry = {
      type: 'pm',
      id: 8,
      from: 'mallory',
      to: 'bob',
      text: '',
      ts: 1,
      at: 2,
      e2e: { ok: false, reason: 'signature' },
    };
    const line = messageLine(pm);
    expect(line.undecryptable).toBe(true);
    expect(line.text).toBe(
      "This message could not be decrypted: its signature does not match the sender's identity key.",
    );
  });

  it('shows a sealed message that opened as its text', () => {
    const pm: ChatEntry = {
      type: 'pm',
      id: 9,
      from: 'a',
      to: 'b',
      text: 'hi',
      ts: 1,
      at: 2,
      e2e: { ok: true },
    };
    expect(messageLine(pm)).toMatchObject({ text: 'hi', kind: 'private' });
    expect(messageLine(pm)).not.toHaveProperty('undecryptable');
  });

  it('marks rows from history as earlier, and only those', () => {
    expect(messageLine(msg(1), true).earlier).toBe(true);
    expect(messageLine(msg(1))).not.toHaveProperty('earlier');
  });

  it('gives the live and the history copy of a message the same key', () => {
    expect(messageLine(msg(9)).key).toBe(messageLine(msg(9), true).key);
  });
});

describe('mergeEarlier', () => {
  it('puts an older page before the live rows', () => {
    const merged = mergeEarlier([row(10), row(11)], [row(7, true), row(8, true), row(9, true)]);
    expect(keys(merged)).toEqual(['m:7', 'm:8', 'm:9', 'm:10', 'm:11']);
  });

  it('skips rows that are already there', () => {
    const merged = mergeEarlier([row(9), row(10)], [row(8, true), row(9, true), row(10, true)]);
    expect(keys(merged)).toEqual(['m:8', 'm:9', 'm:10']);
    expect(merged[1]?.earlier, 'the live copy stays').toBeUndefined();
  });

  it('leaves the conversation as it was when the whole page is already there', () => {
    const lines = [row(1), row(2)];
    expect(mergeEarlier(lines, [row(1, true), row(2, true)])).toEqual(lines);
  });

  it('adds a page to an empty conversation as it is', () => {
    expect(keys(mergeEarlier([], [row(1, true), row(2, true)]))).toEqual(['m:1', 'm:2']);
  });

  it('appends history newer than everything shown (a join page after missed messages)', () => {
    const merged = mergeEarlier([row(4), row(5)], [row(4, true), row(5, true), row(6, true), row(7, true)]);
    expect(keys(merged)).toEqual(['m:4', 'm:5', 'm:6', 'm:7']);
  });

  it('keeps system rows without an id where they were among the message rows', () => {
    const lines = [system(1), row(10), system(2), row(11), pending(1)];
    const merged = mergeEarlier(lines, [row(8, true), row(9, true)]);
    expect(keys(merged)).toEqual(['sys:1', 'm:8', 'm:9', 'm:10', 'sys:2', 'm:11', 'cid:1']);
  });

  it('never puts a history row after a newer message row', () => {
    // A page that overlaps the conversation and also fills a gap in it: every row still has to
    // land in id order (the function's promise: "they never land after live messages").
    const merged = mergeEarlier([row(5), row(8)], [row(3, true), row(4, true), row(5, true), row(6, true)]);
    const ids = merged.map((l) => l.id);
    expect(ids).toEqual([3, 4, 5, 6, 8]);
  });
});

describe('oldestId', () => {
  it('finds the oldest message id, passing over rows that have none', () => {
    expect(oldestId([system(1), pending(2), row(12), row(13)])).toBe(12);
  });

  it('has none for a conversation without message rows', () => {
    expect(oldestId([])).toBeNull();
    expect(oldestId([system(1), pending(1)])).toBeNull();
  });

  it('finds the first row of a merged page, so "Load older" continues from there', () => {
    expect(oldestId(mergeEarlier([row(20)], [row(15, true), row(16, true)]))).toBe(15);
  });
});
