// Unit tests for client/ui/emoji/text-edit.ts: inserting at the cursor or over a selection.

import { describe, expect, it } from 'vitest';
import { replaceRange } from '../../../../../client/ui/emoji/text-edit';

describe('replaceRange', () => {
  it('inserts at the cursor and puts the caret after the insertion (in UTF-16 units)', () => {
    expect(replaceRange('hello world', 5, 5, '😄')).toEqual({ text: 'hello😄 world', caret: 7 });
    expect(replaceRange('', 0, 0, '👩‍👩‍👧‍👦')).toEqual({ text: '👩‍👩‍👧‍👦', caret: 11 });
  });

  it('replaces a selection, whichever way round it was made', () => {
    expect(replaceRange('hello world', 6, 11, '🌍')).toEqual({ text: 'hello 🌍', caret: 8 });
    expect(replaceRange('hello world', 11, 6, '🌍')).toEqual({ text: 'hello 🌍', caret: 8 });
  });

  it('clamps positions outside the text', () => {
    expect(replaceRange('abc', 10, 10, '!')).toEqual({ text: 'abc!', caret: 4 });
    expect(replaceRange('abc', -3, 1, '!')).toEqual({ text: '!bc', caret: 1 });
  });
});
