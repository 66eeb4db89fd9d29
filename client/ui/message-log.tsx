// A conversation's message log (role="log"): message rows and file cards, grouped by sender with
// day dividers (format/grouping.ts). It follows the newest row unless the person has scrolled up to
// read; then a "Jump to latest" button brings them back. Rows take focus on a click (their time shows);
// then Up/Down/Home/End move focus between rows. Each message has its actions (reply, react, edit,
// delete); the quick reaction bar and the delete confirmation sit outside the log, and a reply's
// quote jumps to the original (use-jump-to-message.ts). Rows are memoised: every prop a row gets
// is stable between renders (the same line object, use-row-actions.ts, primitives), so a new
// message renders one row, not all of them.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FileRow } from './file-row';
import { groupRows } from './format/grouping';
import { lazyComponent } from './lazy-component';
import { MessageRow } from './message-row';
import type { ReceiptState } from './receipt-tick';
import type { FileStore } from './state/file-store';
import type { LogLine } from './state/log-lines';
import type { MessageActions } from './state/message-actions';
import { canDelete } from './state/message-updates';
import { useJumpToMessage } from './use-jump-to-message';
import { useRowActions } from './use-row-actions';

// Opened by a click: their code loads then (lazy-component.tsx).
const DeleteDialog = lazyComponent(() => import('./delete-dialog').then((m) => m.DeleteDialog));
const ReactionBar = lazyComponent(() => import('./reaction-bar').then((m) => m.ReactionBar));

/** What the log's message actions use: the store's model, who we are, and the composer's focus. */
export type LogMessageActions = Pick<
  MessageActions,
  'reply' | 'edit' | 'canEdit' | 'react' | 'remove' | 'recent'
> & {
  isMe(name: string): boolean;
  /** We own the room: Delete is offered on anyone's Lobby message. */
  owner?: boolean;
  /** Reply and Edit continue in the composer. */
  focusComposer(): void;
};

interface MessageLogProps {
  lines: readonly LogLine[];
  label: string;
  hour12: boolean;
  files: FileStore;
  /** Delivery state for our own private rows (null for every other row). */
  receiptOf?: (line: LogLine) => ReceiptState | null;
  /** Older messages exist in the room's history: show "Load older". */
  more?: boolean;
  loadingOlder?: boolean;
  onLoadOlder?: () => void;
  /** Reply, react, edit and delete; without it rows have no actions. */
  messages?: LogMessageActions;
}

/** How close to the bottom (px) still counts as "reading the latest". */
const SLACK = 32;

export function MessageLog({
  lines,
  label,
  hour12,
  files,
  receiptOf,
  more = false,
  loadingOlder = false,
  onLoadOlder,
  messages,
}: MessageLogProps) {
  const log = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrolledUp, setScrolledUp] = useState(false);

  const toBottom = () => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  const resizes = useRef<ResizeObserver | null>(null);
  const lastTop = useRef(0);

  /** Set just before an older page is asked for, to keep the rows in view where they were. */
  const heightBefore = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = log.current;
    if (element && heightBefore.current !== null && !following.current) {
      element.scrollTop += element.scrollHeight - heightBefore.current;
    }
    heightBefore.current = null;
    if (following.current) toBottom();
  }, [lines]);

  useEffect(() => {
    // The log also changes size (phone keyboard, window resize), and so do file cards after they
    // render (progress, an image preview that loads): stay at the bottom if following.
    const element = log.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) toBottom();
    });
    observer.observe(element);
    resizes.current = observer;
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    // Observing an element twice is a no-op. A file row the length bound dropped stays observed
    // (harmlessly) until the log unmounts on the next tab switch.
    for (const row of log.current?.querySelectorAll(':scope > .row--file') ?? [])
      resizes.current?.observe(row);
  }, [lines]);

  const onScroll = () => {
    const element = log.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK;
    // Only scrolling up stops following. A scroll event is dispatched a frame late, so content
    // that grew meanwhile (an image preview that loaded) must not count as "scrolled away".
    if (atBottom) following.current = true;
    else if (element.scrollTop < lastTop.current) following.current = false;
    lastTop.current = element.scrollTop;
    setScrolledUp(!following.current);
  };

  const places = groupRows(lines, Date.now());

  const loadOlder = () => {
    heightBefore.current = log.current?.scrollHeight ?? null;
    following.current = false;
    onLoadOlder?.();
  };
  const jump = useJumpToMessage(log, {
    lines,
    more,
    loadingOlder,
    loadOlder: more && onLoadOlder ? loadOlder : undefined,
  });
  const byId = useMemo(
    () => new Map(lines.flatMap((l) => (l.id === undefined ? [] : [[l.id, l] as const]))),
    [lines],
  );
  const [reacting, setReacting] = useState<{ id: number; anchor: HTMLElement } | null>(null);
  const [deleting, setDeleting] = useState<LogLine | null>(null);
  const rowActions = useRowActions({
    messages,
    openReactions(line, anchor) {
      const id = line.id;
      if (id !== undefined) setReacting((open) => (open?.id === id ? null : { id, anchor }));
    },
    askDelete: setDeleting,
    jumpTo: jump.jumpTo,
  });
  const reactingLine = reacting ? byId.get(reacting.id) : undefined;

  const onKeyDown = (event: KeyboardEvent) => {
    const element = log.current;
    const target = event.target;
    if (!element || !(target instanceof HTMLElement)) return;
    // Only from the log itself or a row: a link inside a row keeps its own keys.
    if (target !== element && target.parentElement !== element) return;
    const rows = [...element.children].filter((row): row is HTMLElement => row instanceof HTMLElement);
    if (rows.length === 0) return;
    const index = rows.indexOf(target);
    const next: Record<string, number> = {
      ArrowDown: index < 0 ? rows.length - 1 : index + 1,
      ArrowUp: index < 0 ? rows.length - 1 : index - 1,
      Home: 0,
      End: rows.length - 1,
    };
    const to = next[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (row && !row.hasAttribute('tabindex')) row.tabIndex = -1;
    row?.focus();
  };

  return (
    <div class="log-wrap">
      {lines.length === 0 && <p class="log-empty">No messages yet.</p>}
      {more && onLoadOlder && (
        <button
          type="button"
          class="button button--small load-older"
          disabled={loadingOlder}
          onClick={loadOlder}
        >
          {loadingOlder ? 'Loading…' : 'Load older'}
        </button>
      )}
      <div ref={log} role="log" aria-label={label} class="log" onScroll={onScroll} onKeyDown={onKeyDown}>
        {lines.map((line, i) =>
          line.file ? (
            <FileRow
              key={line.key}
              line={line}
              card={files.card(line.file)}
              actions={files}
              hour12={hour12}
            />
          ) : (
            <MessageRow
              key={line.key}
              line={line}
              hour12={hour12}
              receipt={receiptOf?.(line) ?? null}
              firstEarlier={line.earlier === true && !lines[i - 1]?.earlier}
              head={places[i]?.head ?? true}
              day={places[i]?.day ?? null}
              actions={rowActions}
              canEdit={messages?.canEdit(line) ?? false}
              canDelete={messages ? canDelete(line, messages.isMe, messages.owner) : false}
              original={line.replyTo === undefined ? undefined : byId.get(line.replyTo)}
              highlighted={line.id !== undefined && line.id === jump.highlight}
              menuOpen={line.id !== undefined && line.id === reacting?.id}
            />
          ),
        )}
      </div>
      {jump.note && (
        <p class="log-note" aria-live="polite">
          {jump.note}
        </p>
      )}
      {messages && reacting && reactingLine && (
        <ReactionBar
          emoji={messages.recent.quick()}
          anchor={reacting.anchor}
          onPick={(emoji) => {
            const mine = reactingLine.reactions?.some(
              (r) => r.emoji === emoji && r.names.some(messages.isMe),
            );
            messages.react(reactingLine, emoji, !mine);
          }}
          onClose={() => setReacting(null)}
        />
      )}
      {messages && deleting && (
        <DeleteDialog
          onConfirm={() => {
            messages.remove(deleting);
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
      {scrolledUp && (
        <button
          type="button"
          class="jump"
          onClick={() => {
            following.current = true;
            setScrolledUp(false);
            toBottom();
          }}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}
