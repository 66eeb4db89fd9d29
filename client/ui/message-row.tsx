// One message row. Its text content reads exactly `(Global) (alice) (14:23:15): text`; the
// "sending…" and error markers, the receipt ticks, the avatar's initials and the day divider come
// from CSS, so they never change that text. The first message of a group draws the header (avatar,
// name, time); the others only their text, their time showing on hover or focus. System lines keep
// the one-line form. Names and text are bidi-isolated, continuation lines marked.

import { avatarColour, initials } from './format/avatar';
import { lineParts } from './format/log-line';
import { MessageHead } from './message-head';
import { MessageText } from './message-text';
import { type ReceiptState, ReceiptTick } from './receipt-tick';
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
}

export function MessageRow({
  line,
  hour12,
  receipt,
  firstEarlier = false,
  head = true,
  day = null,
}: MessageRowProps) {
  const parts = lineParts(line, hour12);
  const state = line.state ? ` row--${line.state}` : '';
  const earlier = line.earlier ? ` row--earlier${firstEarlier ? ' row--earlier-first' : ''}` : '';
  const system = line.kind === 'system';
  const group = system ? '' : head ? ' row--head' : ' row--cont';
  const failed = line.undecryptable ? ' row--undecryptable' : '';
  const mention = line.mentioned ? ' row--mention' : '';
  const sender = line.from ?? '';
  return (
    <div
      class={`row row--${line.kind}${group}${state}${earlier}${failed}${mention}${day ? ' row--day' : ''}`}
      data-error={line.error}
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
      {system ? <RowLead parts={parts} /> : <MessageHead parts={parts} />}
      <MessageText text={parts.text} />
      {receipt && <ReceiptTick state={receipt} />}
    </div>
  );
}
