// One message row. Its text content reads exactly `(Global) (alice) (14:23:15): text`; the
// "sending…" and error markers come from CSS (::after), so they never change that text.

import { lineParts } from './format/log-line';
import { RowLead } from './row-lead';
import type { LogLine } from './state/log-lines';

export function MessageRow({ line, hour12 }: { line: LogLine; hour12: boolean }) {
  const parts = lineParts(line, hour12);
  const state = line.state ? ` row--${line.state}` : '';
  return (
    <div class={`row row--${line.kind}${state}`} data-error={line.error}>
      <RowLead parts={parts} />
      <span class="row-text">{parts.text}</span>
    </div>
  );
}
