// Unit tests for client/ui/format/export.ts with replies, edits and deletions: both exports hold a
// message's latest text, and the JSON marks a reply's target, the last edit and a tombstone.

import { describe, expect, it } from 'vitest';
import { exportConversation } from '../../../../../client/ui/format/export';
import type { LogLine } from '../../../../../client/ui/state/log-lines';

const AT = Date.UTC(2026, 0, 2, 14, 23, 15);
const lines: LogLine[] = [
  { key: 'm:1', id: 1, kind: 'public', at: AT, from: 'alice', text: 'fixed text', editedAt: AT + 1_000 },
  { key: 'm:2', id: 2, kind: 'public', at: AT, from: 'bob', text: '', deleted: true },
  { key: 'm:3', id: 3, kind: 'public', at: AT, from: 'carol', text: 'agreed', replyTo: 1 },
];

describe('exports of edited, deleted and replying messages', () => {
  it('writes the latest text in the TXT export, and says where a message was deleted', () => {
    const rows = exportConversation(lines, 'Lobby', 'txt', false).content.split('\n');
    expect(rows[0]).toMatch(/^\(Global\) \(alice\) \(\d\d:\d\d:\d\d\): fixed text$/);
    expect(rows[1]).toMatch(/^\(Global\) \(bob\) \(\d\d:\d\d:\d\d\): \[message deleted\]$/);
    expect(rows[2]).toMatch(/: agreed$/);
  });

  it('marks the edit, the tombstone and the reply target in the JSON export', () => {
    const data = JSON.parse(exportConversation(lines, 'Lobby', 'json', false).content) as {
      messages: Record<string, unknown>[];
    };
    expect(data.messages[0]).toMatchObject({
      text: 'fixed text',
      editedAt: new Date(AT + 1_000).toISOString(),
    });
    expect(data.messages[1]).toMatchObject({ text: '', deleted: true });
    expect(data.messages[2]).toMatchObject({ replyTo: 1 });
    expect(data.messages[0]).not.toHaveProperty('deleted');
  });
});
