// Unit tests for client/ui/format/reply-snippet.ts: a reply's quote shows the original's author
// and first line, shortened; "message deleted" for a tombstone; a placeholder when not loaded.

import { describe, expect, it } from 'vitest';
import {
  DELETED_TEXT,
  NOT_LOADED_TEXT,
  replySnippet,
  SNIPPET_CHARS,
} from '../../../../../client/ui/format/reply-snippet';
import type { LogLine } from '../../../../../client/ui/state/log-lines';

const original = (text: string, extra: Partial<LogLine> = {}): LogLine => ({
  key: 'm:1',
  id: 1,
  kind: 'public',
  at: 0,
  from: 'alice',
  text,
  ...extra,
});

describe('the quote above a reply', () => {
  it('shows the author and only the first line', () => {
    expect(replySnippet(original('first line\nsecond line'))).toEqual({ who: 'alice', text: 'first line' });
  });

  it('shortens a long first line with an ellipsis, by characters not UTF-16 units', () => {
    const long = '🔥'.repeat(SNIPPET_CHARS + 10);
    const { text } = replySnippet(original(long));
    expect([...text]).toHaveLength(SNIPPET_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('says "message deleted" for a deleted original', () => {
    expect(replySnippet(original('', { deleted: true }))).toEqual({ who: 'alice', text: DELETED_TEXT });
  });

  it('says it is an earlier message while the original is not loaded', () => {
    expect(replySnippet(undefined)).toEqual({ who: null, text: NOT_LOADED_TEXT });
  });
});
