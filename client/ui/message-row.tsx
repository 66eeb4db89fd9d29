// One message row. Its text content reads exactly `(Global) (alice) (14:23:15): text`; the
// "sending…" and error markers and the receipt ticks come from CSS, so they never change that text.
// Names and text are bidi-isolated and continuation lines marked (row-lead.tsx, message-text.tsx).

import { lineParts } from './format/log-line';
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
}

export function MessageRow({ line, hour12, receipt, firstEarlier = false }: MessageRowProps) {
  const parts = lineParts(line, hour12);
  const state = line.state ? ` row--${line.state}` : '';
  const earlier = line.earlier ? ` row--earlier${firstEarlier ? ' row--earlier-first' : ''}` : '';
  const failed = line.undecryptable ? ' row--undecryptable' : '';
  return (
    <div class={`row row--${line.kind}${state}${earlier}${failed}`} data-error={line.error}>
      <RowLead parts={parts} />
      <MessageText text={parts.text} />
      {receipt && <ReceiptTick state={receipt} />}
    </div>
  );
}
