// How an audit event's size and details read in the /admin table and the CLI.

import { describe, expect, it } from 'vitest';
import { eventDetail, eventSize } from '../../../../client/admin/event-text';

describe('eventSize', () => {
  it('counts characters for messages and bytes for files, and is empty without a size', () => {
    expect(eventSize({ kind: 'message', size: 1 })).toBe('1 char');
    expect(eventSize({ kind: 'private_message', size: 12 })).toBe('12 chars');
    expect(eventSize({ kind: 'file_offered', size: 3 * 1024 * 1024 })).toBe('3 MB');
    expect(eventSize({ kind: 'join', size: null })).toBe('');
  });
});

describe('eventDetail', () => {
  it('lists the ref and the detail as key=value pairs', () => {
    expect(eventDetail({ ref: 'ab12', detail: { type: 'image/png', recipients: 2 } })).toBe(
      'ref=ab12 type=image/png recipients=2',
    );
    expect(eventDetail({ ref: null, detail: { resumed: false } })).toBe('resumed=false');
    expect(eventDetail({ ref: null, detail: null })).toBe('');
  });
});
