// The lead of every log row, `(Global) (alice) (14:23:15): `, shared by message and file rows so
// their text content reads the same way. Each name is bidi-isolated (<bdi>): usernames are ASCII
// today, but a name must never be able to reorder the parentheses, arrow or time around it.

import { Fragment } from 'preact';
import type { lineParts } from './format/log-line';

export function RowLead({ parts }: { parts: ReturnType<typeof lineParts> }) {
  return (
    <>
      <span class="row-label">{parts.label}</span>{' '}
      {parts.who !== null && (
        <>
          <span class="row-who">
            {'('}
            {parts.names.map((name, i) => (
              // The names of one row are at most two, in a fixed order: position is identity.
              <Fragment key={i}>
                {i > 0 && ' → '}
                <bdi>{name}</bdi>
              </Fragment>
            ))}
            {')'}
          </span>{' '}
        </>
      )}
      <span class="row-time">{parts.time}</span>
      {': '}
    </>
  );
}
