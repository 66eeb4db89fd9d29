// Unit tests for client/ui/format/export.ts: a conversation downloads as the same lines the log
// shows (TXT) or as one object per row (JSON), without rows the room never accepted.

import { describe, expect, it } from 'vitest';
import { CONTINUATION_PREFIX, exportConversation } from '../../../../../client/ui/format/export';
import type { LogLine } from '../../../../../client/ui/state/log-lines';

/** Local times, so the expected clock reads the same in every time zone. */
const AT = new Date(2026, 0, 2, 14, 23, 15).getTime();
const AT2 = new Date(2026, 0, 2, 9, 5, 7).getTime();
const NOW = new Date(Date.UTC(2026, 0, 3, 8, 30, 45, 123));
const STAMP = '2026-01-03T08-30-45';

const lobby: LogLine[] = [
  { key: 'm:1', id: 1, kind: 'public', at: AT, from: 'alice', text: 'hello there' },
  { key: 'sys:1', kind: 'system', at: AT2, text: 'bob joined' },
  { key: 'cid:3', cid: 3, kind: 'public', at: AT, from: 'me', text: 'still sending', state: 'sending' },
  { key: 'cid:4', cid: 4, kind: 'public', at: AT, from: 'me', text: 'refused', state: 'failed', error: 'x' },
  { key: 'm:2', id: 2, kind: 'public', at: AT2, from: 'bob', text: 'hi alice' },
];

const direct: LogLine[] = [
  { key: 'm:5', id: 5, kind: 'private', at: AT, from: 'alice', to: 'bob', text: 'psst' },
  { key: 'm:6', id: 6, kind: 'private', at: AT2, from: 'bob', to: 'alice', text: 'what?' },
];

interface ExportedRow {
  id?: number;
  kind: string;
  from?: string;
  to?: string;
  at: string;
  file?: boolean;
  text: string;
  line: string;
}

const parse = (content: string) =>
  JSON.parse(content) as { conversation: string; exportedAt: string; messages: ExportedRow[] };

describe('exportConversation as TXT', () => {
  it('writes exactly the log’s lines, one per row, ending with a line break', () => {
    const file = exportConversation(lobby, 'Lobby', 'txt', false, NOW);
    expect(file.content).toBe(
      [
        '(Global) (alice) (14:23:15): hello there',
        '(System) (09:05:07): bob joined',
        '(Global) (bob) (09:05:07): hi alice',
        '',
      ].join('\n'),
    );
    expect(file.type).toBe('text/plain;charset=utf-8');
  });

  it('leaves out rows still sending or refused by the room', () => {
    const { content } = exportConversation(lobby, 'Lobby', 'txt', false, NOW);
    expect(content).not.toContain('still sending');
    expect(content).not.toContain('refused');
  });

  it('writes private rows with both names', () => {
    const { content } = exportConversation(direct, 'bob', 'txt', false, NOW);
    expect(content.split('\n')).toEqual([
      '(Private) (alice → bob) (14:23:15): psst',
      '(Private) (bob → alice) (09:05:07): what?',
      '',
    ]);
  });

  it('marks the continuation lines of a multi-line message, so a fake row inside it cannot pass for one', () => {
    const fake =
      'see below\n(Global) (bob) (14:23:16): I owe alice 100€\r\n(System) (14:23:17): bob was disconnected';
    const lines: LogLine[] = [{ key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text: fake }];
    const { content } = exportConversation(lines, 'Lobby', 'txt', false, NOW);
    expect(content.split('\n')).toEqual([
      '(Global) (alice) (14:23:15): see below',
      `${CONTINUATION_PREFIX}(Global) (bob) (14:23:16): I owe alice 100€`,
      `${CONTINUATION_PREFIX}(System) (14:23:17): bob was disconnected`,
      '',
    ]);
    // Every line that starts with "(" is a row of its own: here, only alice's.
    expect(content.split('\n').filter((l) => l.startsWith('('))).toHaveLength(1);
    expect(CONTINUATION_PREFIX.startsWith('(')).toBe(false);
  });

  it('marks a continuation after any line break a viewer honours (CR, VT, FF, NEL, U+2028, U+2029)', () => {
    const broken = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    const breaks = ['', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029'];
    const joined = broken.map((word, i) => `${breaks[i] ?? ''}${word}`).join('');
    const lines: LogLine[] = [{ key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text: joined }];
    const rows = exportConversation(lines, 'Lobby', 'txt', false, NOW).content.split('\n');
    expect(rows[0]).toBe('(Global) (alice) (14:23:15): one');
    expect(rows.slice(1, -1)).toEqual(broken.slice(1).map((w) => `${CONTINUATION_PREFIX}${w}`));
  });

  it('strips bidi embeddings, overrides and isolates, so no text can reorder its line', () => {
    const text = 'abc\u202Edef\u2069\u2066x\u202Cy\u200Fz\nnext\u202Bline';
    const lines: LogLine[] = [{ key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text }];
    const { content } = exportConversation(lines, 'Lobby', 'txt', false, NOW);
    // The scope-less RLM (U+200F) stays: it cannot reach outside its line.
    expect(content.split('\n')).toEqual([
      '(Global) (alice) (14:23:15): abcdefxy\u200Fz',
      `${CONTINUATION_PREFIX}nextline`,
      '',
    ]);
    expect(content).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });

  it('keeps the text as sent in the JSON export, where the structure already tells rows apart', () => {
    const text = 'one\n(Global) (bob) (14:23:16): two\u202E';
    const lines: LogLine[] = [{ key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text }];
    const [row] = parse(exportConversation(lines, 'Lobby', 'json', false, NOW).content).messages;
    expect(row?.text).toBe(text);
  });

  it('uses the 12-hour clock when the log does', () => {
    const { content } = exportConversation(lobby, 'Lobby', 'txt', true, NOW);
    expect(content.split('\n')[0]).toBe('(Global) (alice) (02:23 PM): hello there');
    expect(content.split('\n')[1]).toBe('(System) (09:05 AM): bob joined');
  });

  it('names the file after the conversation and the export time', () => {
    expect(exportConversation(lobby, 'Lobby', 'txt', false, NOW).name).toBe(`chatspace-lobby-${STAMP}.txt`);
    expect(exportConversation(direct, 'Bob_42', 'txt', false, NOW).name).toBe(
      `chatspace-bob_42-${STAMP}.txt`,
    );
  });
});

describe('exportConversation as JSON', () => {
  it('gives one object per accepted row with its id, names, ISO time, text and log line', () => {
    const file = exportConversation([...lobby, ...direct], 'Lobby', 'json', false, NOW);
    expect(file.type).toBe('application/json');
    const data = parse(file.content);
    expect(data.conversation).toBe('Lobby');
    expect(data.exportedAt).toBe(NOW.toISOString());
    expect(data.messages).toEqual([
      {
        id: 1,
        kind: 'public',
        from: 'alice',
        at: new Date(AT).toISOString(),
        text: 'hello there',
        line: '(Global) (alice) (14:23:15): hello there',
      },
      {
        kind: 'system',
        at: new Date(AT2).toISOString(),
        text: 'bob joined',
        line: '(System) (09:05:07): bob joined',
      },
      {
        id: 2,
        kind: 'public',
        from: 'bob',
        at: new Date(AT2).toISOString(),
        text: 'hi alice',
        line: '(Global) (bob) (09:05:07): hi alice',
      },
      {
        id: 5,
        kind: 'private',
        from: 'alice',
        to: 'bob',
        at: new Date(AT).toISOString(),
        text: 'psst',
        line: '(Private) (alice → bob) (14:23:15): psst',
      },
      {
        id: 6,
        kind: 'private',
        from: 'bob',
        to: 'alice',
        at: new Date(AT2).toISOString(),
        text: 'what?',
        line: '(Private) (bob → alice) (09:05:07): what?',
      },
    ]);
  });

  it('has the same lines as the TXT export', () => {
    const txt = exportConversation(lobby, 'Lobby', 'txt', true, NOW).content;
    const json = parse(exportConversation(lobby, 'Lobby', 'json', true, NOW).content);
    expect(json.messages.map((m) => `${m.line}\n`).join('')).toBe(txt);
  });

  it('marks file rows as files', () => {
    const rows: LogLine[] = [
      { key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text: 'cat.png', file: 'in:1' },
    ];
    const [row] = parse(exportConversation(rows, 'Lobby', 'json', false, NOW).content).messages;
    expect(row).toMatchObject({ id: 9, file: true, text: 'cat.png' });
  });

  it('keeps message text exactly, quotes and line breaks included', () => {
    const text = 'say "hi"\nand \\ bye </script>';
    const rows: LogLine[] = [{ key: 'm:3', id: 3, kind: 'public', at: AT, from: 'alice', text }];
    expect(parse(exportConversation(rows, 'Lobby', 'json', false, NOW).content).messages[0]?.text).toBe(text);
  });

  it('names the file like the TXT export, ending in .json', () => {
    expect(exportConversation(lobby, 'Lobby', 'json', false, NOW).name).toBe(`chatspace-lobby-${STAMP}.json`);
  });
});

describe('export file names', () => {
  it('contain only safe characters, whatever the title', () => {
    for (const title of ['../../etc/passwd', 'a/b\\c', 'con:nul?*', 'Zoë <script>', '  spaced  out  ']) {
      const { name } = exportConversation(lobby, title, 'txt', false, NOW);
      expect(name).toMatch(/^chatspace-[a-z0-9_-]+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.txt$/);
    }
  });
});

describe('exportConversation with Markdown', () => {
  it('keeps the Markdown source as typed, in TXT and in JSON', () => {
    const text = 'see **the notes** at https://example.com and `:fire:`';
    const lines: LogLine[] = [{ key: 'm:9', id: 9, kind: 'public', at: AT, from: 'alice', text }];
    expect(exportConversation(lines, 'Lobby', 'txt', false, NOW).content).toBe(
      `(Global) (alice) (14:23:15): ${text}\n`,
    );
    expect(parse(exportConversation(lines, 'Lobby', 'json', false, NOW).content).messages[0]?.text).toBe(
      text,
    );
  });
});
