// One message row. Its text content reads exactly `(Global) (alice) (14:23:15): text`; the
// "sending…" and error markers, the receipt ticks, the avatar's initials and the day divider come
// from CSS, so they never change that text. The first message of a group draws the header (avatar,
// name, time); the others only their text, their time showing on hover or focus. System lines keep
// the one-line form. Names and text are bidi-isolated, continuation lines marked. A message can
// carry a reply quote above, "(edited)" or the tombstone "message deleted", reaction chips and
// its actions (message-action-bar.tsx): all drawn by CSS or named by aria-label, never text.
// Memoised (memo-component.ts): it renders again only when one of its props changes, so the log
// passes only stable props (the same line object, stable actions, primitives).

import { avatarColour, initials } from './format/avatar';
import { lineParts } from './format/log-line';
import { memoComponent } from './memo-component';
import { MessageActionBar } from './message-action-bar';
import { MessageHead } from './message-head';
import { MessageText } from './message-text';
import { ReactionChips } from './reaction-chips';
import { type ReceiptState, ReceiptTick } from './receipt-tick';
import { ReplyQuote } from './reply-quote';
import { RowLead } from './row-lead';
import type { LogLine } from './state/log-lines';

interface MessageRowProps {
  line: LogLine;
  hour12: boolean;
  /** Our own private message's delivery state, once the room has it. */
  receipt?: ReceiptState | null;
  /** The first of a run of earlier (history) rows: CSS labels it "Earlier messages". */
  firstEarlier?: boolean;
  /** Starts a group of messages from one sender (format/grouping.ts): draws the header. */
  head?: boolean;
  /** "Today", "Yesterday" or a date: this row is the first of its day. */
  day?: string | null;
  /** What the row's actions, chips and quote do; without it the row has none (e.g. not joined). */
  actions?: RowActions | undefined;
  /** Offers Edit: ours and within the edit window (the log asks on each of its renders). */
  canEdit?: boolean;
  /** Offers Delete: ours and not deleted yet. */
  canDelete?: boolean;
  /** The message this one answers, when it is loaded. */
  original?: LogLine | undefined;
  /** Briefly highlighted: a reply's quote jumped here. */
  highlighted?: boolean;
  /** Its reaction bar is open: the actions stay shown (focus returns to React). */
  menuOpen?: boolean;
}

/** What a message row's controls call; message-log.tsx provides them, the same object on every render. */
export interface RowActions {
  isMe(name: string): boolean;
  reply(line: LogLine): void;
  /** Opens the quick reaction bar by the React button. */
  openReactions(line: LogLine, button: HTMLElement): void;
  edit(line: LogLine): void;
  /** Asks for confirmation, then deletes. */
  askDelete(line: LogLine): void;
  react(line: LogLine, emoji: string, on: boolean): void;
  /** Scrolls to message `id` and highlights it. */
  jumpTo(id: number): void;
}

function MessageRowView({
  line,
  hour12,
  receipt,
  firstEarlier = false,
  head = true,
  day = null,
  actions,
  canEdit = false,
  canDelete = false,
  original,
  highlighted = false,
  menuOpen = false,
}: MessageRowProps) {
  const parts = lineParts(line, hour12);
  const state = line.state ? ` row--${line.state}` : '';
  const earlier = line.earlier ? ` row--earlier${firstEarlier ? ' row--earlier-first' : ''}` : '';
  const system = line.kind === 'system';
  const group = system ? '' : head ? ' row--head' : ' row--cont';
  const failed = line.undecryptable ? ' row--undecryptable' : '';
  const mention = line.mentioned ? ' row--mention' : '';
  const sender = line.from ?? '';
  const edited = line.editedAt !== undefined && !line.deleted;
  const flags = {
    'row--edited': edited,
    'row--deleted': line.deleted,
    'row--highlight': highlighted,
    'row--menu': menuOpen,
  };
  const marks = Object.entries(flags)
    .flatMap(([name, on]) => (on ? [` ${name}`] : []))
    .join('');
  const live = !system && line.id !== undefined && line.state === undefined && !line.deleted;
  const replyTo = line.replyTo;
  return (
    <div
      class={`row row--${line.kind}${group}${state}${earlier}${failed}${mention}${day ? ' row--day' : ''}${marks}`}
      data-error={line.error}
      data-id={line.id}
      tabIndex={-1}
    >
      {day && <span class="day-break" data-day={day} aria-hidden="true" />}
      {!system && head && (
        <span
          class={`avatar avatar--${avatarColour(sender)}`}
          data-initials={initials(sender)}
          aria-hidden="true"
        />
      )}
      {replyTo !== undefined && actions && (
        <ReplyQuote original={original} onJump={() => actions.jumpTo(replyTo)} />
      )}
      {system ? <RowLead parts={parts} /> : <MessageHead parts={parts} />}
      {line.deleted ? <span class="row-tombstone" /> : <MessageText text={parts.text} />}
      {edited && <span class="row-edited" />}
      {receipt && <ReceiptTick state={receipt} />}
      {actions && line.reactions && line.reactions.length > 0 && !line.deleted && (
        <ReactionChips
          reactions={line.reactions}
          isMe={actions.isMe}
          onToggle={(emoji, on) => actions.react(line, emoji, on)}
        />
      )}
      {actions && live && (
        <MessageActionBar
          canEdit={canEdit}
          canDelete={canDelete}
          onReply={() => actions.reply(line)}
          onReact={(button) => actions.openReactions(line, button)}
          onEdit={() => actions.edit(line)}
          onDelete={() => actions.askDelete(line)}
        />
      )}
    </div>
  );
}

/** A row that renders again only when its props change (a new message elsewhere leaves it alone). */
export const MessageRow = memoComponent(MessageRowView);
