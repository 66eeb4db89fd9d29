// Unit tests for the memoised rows of client/ui/message-log.tsx (message-row.tsx, memo-component.ts,
// use-row-actions.ts): a new message renders one row, not the whole log, and an edit, reaction or
// deletion renders the row it changes (and a reply quoting it), while a re-render of the chat view
// with fresh action objects renders none. Rows are counted by their calls to lineParts (one per
// row render), with Preact rendering into a fake DOM (fake-dom.ts).

import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as logLine from '../../../../client/ui/format/log-line';
import { type LogMessageActions, MessageLog } from '../../../../client/ui/message-log';
import type { FileStore } from '../../../../client/ui/state/file-store';
import type { LogLine } from '../../../../client/ui/state/log-lines';
import { applyMessageEvent, type RoomMessageEvent } from '../../../../client/ui/state/message-updates';
import { FakeElement, installFakeDom } from './fake-dom';

vi.mock('../../../../client/ui/format/log-line', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../client/ui/format/log-line')>();
  return { ...real, lineParts: vi.fn(real.lineParts) };
});

const files: FileStore = {
  card: () => undefined,
  send: async () => {},
  accept() {},
  decline() {},
  cancel() {},
  forget() {},
};

/** The store's actions as the chat view builds them: a new object on each of its renders. */
const actions = (editable: (line: LogLine) => boolean = () => false): LogMessageActions => ({
  reply() {},
  edit() {},
  canEdit: editable,
  react() {},
  remove() {},
  recent: { quick: () => ['👍'], used() {} },
  isMe: (name) => name === 'alice',
  focusComposer() {},
});

const START = Date.UTC(2026, 4, 4, 9);
const message = (
  id: number,
  from = id % 3 === 0 ? 'alice' : 'bob',
  extra: Partial<LogLine> = {},
): LogLine => ({
  key: `m:${id}`,
  id,
  kind: 'public',
  at: START + id * 1_000,
  from,
  text: `message ${id}`,
  ...extra,
});

let removeDom: () => void;
let root: FakeElement;

beforeEach(() => {
  removeDom = installFakeDom();
  root = new FakeElement('div');
});

afterEach(() => {
  render(null, root as unknown as Element);
  removeDom();
});

/** Renders the log with `lines` and returns the keys of the rows that rendered. */
function show(lines: readonly LogLine[], messages = actions()): string[] {
  const parts = vi.mocked(logLine.lineParts);
  parts.mockClear();
  render(
    h(MessageLog, { lines, label: 'Lobby chat', hour12: false, files, messages }),
    root as unknown as Element,
  );
  return parts.mock.calls.map(([line]) => (line as LogLine).key);
}

const change = (lines: readonly LogLine[], event: RoomMessageEvent) => applyMessageEvent(lines, event);

describe('message log: rows render only when they change', () => {
  const lines = Array.from({ length: 50 }, (_, i) => message(i + 1));

  it('renders every row the first time, and only the new row when a message arrives', () => {
    expect(show(lines)).toHaveLength(50);
    const next = [...lines, message(51)];
    expect(show(next)).toEqual(['m:51']);
    expect(show([...next, message(52, 'carol')])).toEqual(['m:52']);
  });

  it('leaves a file card row alone when a message arrives after it', () => {
    const withFile = [...lines, { ...message(51), key: 'file:f1', id: undefined, file: 'f1' }];
    expect(show(withFile)).toHaveLength(51);
    expect(show([...withFile, message(52)])).toEqual(['m:52']);
  });

  it('renders no row when the chat view renders again with new action objects and the same lines', () => {
    show(lines);
    expect(show(lines, actions())).toEqual([]);
  });

  it('renders only the row an edit, a reaction or a deletion changes', () => {
    show(lines);
    const reacted = change(lines, {
      type: 'reaction',
      id: 7,
      seq: 60,
      reactions: [{ emoji: '🎉', count: 1, names: ['bob'] }],
    });
    expect(show(reacted)).toEqual(['m:7']);
    const edited = change(reacted, {
      type: 'edited',
      id: 20,
      seq: 61,
      text: 'hello @alice',
      editedAt: START + 60_000,
    });
    expect(show(edited)).toEqual(['m:20']);
    const deleted = change(edited, { type: 'deleted', id: 7, seq: 62 });
    expect(show(deleted)).toEqual(['m:7']);
  });

  it('renders a reply again when the message it quotes is edited', () => {
    const withReply = [...lines, message(51, 'bob', { replyTo: 10 })];
    show(withReply);
    const edited = change(withReply, {
      type: 'edited',
      id: 10,
      seq: 60,
      text: 'changed',
      editedAt: START + 60_000,
    });
    expect(show(edited).sort()).toEqual(['m:10', 'm:51']);
  });

  it('renders a row again when its Edit action comes or goes (the edit window is asked on each render)', () => {
    // Only our own rows (every third) can be edited.
    const ours = (line: LogLine) => line.from === 'alice';
    show(lines, actions(ours));
    expect(
      show(
        lines,
        actions(() => false),
      ),
    ).toEqual(lines.filter(ours).map((line) => line.key));
    expect(
      show(
        lines,
        actions(() => false),
      ),
    ).toEqual([]);
  });
});
