// Unit tests for droppedFiles in client/ui/state/log-lines.ts: which file cards lost their rows
// (so the file store can let go of them and their Blobs).

import { describe, expect, it } from 'vitest';
import { appendLine, droppedFiles, type LogLine, settleLine } from '../../../../../client/ui/state/log-lines';

const text = (key: string): LogLine => ({ key, kind: 'public', at: 0, from: 'a', text: key });
const file = (id: string): LogLine => ({
  key: id,
  kind: 'public',
  at: 0,
  from: 'a',
  text: 'x.png',
  file: id,
});

describe('droppedFiles', () => {
  it('names the file cards whose rows the length bound pushed out', () => {
    const before = [file('up:1'), text('m1'), file('in:2')];
    const after = appendLine(before, text('m2'), 2);
    expect(after.map((l) => l.key)).toEqual(['in:2', 'm2']);
    expect(droppedFiles(before, after)).toEqual(['up:1']);
  });

  it('names nothing when rows only change in place', () => {
    const before = [{ ...text('cid:7'), cid: 7, state: 'sending' as const }, file('up:1')];
    expect(droppedFiles(before, settleLine(before, 7, text('m7')))).toEqual([]);
  });

  it('names every card when the whole log goes', () => {
    expect(droppedFiles([file('a'), text('b'), file('c')], [])).toEqual(['a', 'c']);
  });
});

describe('settleLine', () => {
  const pending = (cid: number): LogLine => ({ ...text(`cid:${cid}`), cid, state: 'sending' });
  const message = (id: number): LogLine => ({ ...text(`m:${id}`), id });
  const keys = (lines: readonly LogLine[]) => lines.map((l) => l.key);

  it('confirms a pending row in place when nothing the room ordered first came after it', () => {
    const lines = [message(1), pending(7), text('sys:1')];
    expect(keys(settleLine(lines, 7, message(2)))).toEqual(['m:1', 'm:2', 'sys:1']);
  });

  it("moves rows typed while offline after the messages the room put before them, in the room's order", () => {
    // Two rows typed offline, then bob's message replayed after the reconnect, then the echoes.
    let lines = [message(1), pending(7), pending(8), message(10)];
    lines = settleLine(lines, 7, message(11));
    expect(keys(lines)).toEqual(['m:1', 'cid:8', 'm:10', 'm:11']);
    lines = settleLine(lines, 8, message(12));
    expect(keys(lines)).toEqual(['m:1', 'm:10', 'm:11', 'm:12']);
  });

  it('appends the echo of a row it no longer holds', () => {
    expect(keys(settleLine([message(1)], 9, message(2)))).toEqual(['m:1', 'm:2']);
  });
});
