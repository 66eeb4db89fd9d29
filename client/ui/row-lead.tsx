// The lead of every log row, `(Global) (alice) (14:23:15): `, shared by message and file rows so
// their text content reads the same way.

import type { lineParts } from './format/log-line';

export function RowLead({ parts }: { parts: ReturnType<typeof lineParts> }) {
  return (
    <>
      <span class="row-label">{parts.label}</span>{' '}
      {parts.who !== null && (
        <>
          <span class="row-who">{parts.who}</span>{' '}
        </>
      )}
      <span class="row-time">{parts.time}</span>
      {': '}
    </>
  );
}
