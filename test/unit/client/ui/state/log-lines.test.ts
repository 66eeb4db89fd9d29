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
