// A message row's lead drawn as a chat header: `(Global) (alice) (14:23:15): ` in the text content
// (exports, tests and screen readers read sender, time, text in that order), drawn as "alice
// 14:23:15" on a line of its own. The label, parentheses and separators are spans that CSS hides
// (the label only visually); in a group's later rows (.row--cont) only the time shows, on hover or
// focus. Names are bidi-isolated (<bdi>) as in row-lead.tsx, so none can reorder the header.

import { Fragment } from 'preact';
import type { LineParts } from './format/log-line';

export function MessageHead({ parts }: { parts: LineParts }) {
  return (
    <span class="row-head">
      <span class="row-label">{parts.label}</span>
      <span class="row-sep"> </span>
      {parts.who !== null && (
        <>
          <span class="row-who">
            <span class="row-paren">(</span>
            {parts.names.map((name, i) => (
              // The names of one row are at most two, in a fixed order: position is identity.
              <Fragment key={i}>
                {i > 0 && ' → '}
                <bdi>{name}</bdi>
              </Fragment>
            ))}
            <span class="row-paren">)</span>
          </span>
          <span class="row-sep"> </span>
        </>
      )}
      <span class="row-time">
        <span class="row-paren">(</span>
        {parts.time.slice(1, -1)}
        <span class="row-paren">)</span>
      </span>
      <span class="row-sep">: </span>
    </span>
  );
}
